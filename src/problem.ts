// A user-facing finding. User errors never throw through the stack: they are collected as Problems
// and rendered at the CLI edge, all at once.
export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  /** Check id, e.g. `catalog/schema`, `promql/syntax`, `promql/rate-on-counter`. */
  readonly check: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** A 1-based source position inside a file. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export function problem(check: string, severity: Severity, message: string, at: SourcePosition): Problem {
  return { check, severity, message, file: at.file, line: at.line, column: at.column };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Orders problems by file, line, column, then check, so output is stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.check.localeCompare(b.check) ||
      a.message.localeCompare(b.message),
  );
}

/** `file:line:col: severity: message` (the catalog/gen form) */
export function renderProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

/** `file:line:col: severity check-id: message` (the lint form) */
export function renderFinding(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.check}: ${p.message}`;
}
