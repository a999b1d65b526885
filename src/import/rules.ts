// Hand-written rule files (plain `groups:` files and PrometheusRule CRDs) -> an alerts/<service>.ts
// module: every group, recording rule and alert with its expr, for, keep_firing_for, labels and
// annotations as written. A module, not catalog `alerts.extra`: extra alerts cannot hold recording
// rules, group intervals or arbitrary annotations, and get team and service labels added. The
// file goes through `obsgen lint` on the way in; each finding is a comment above its rule.
import type { ValuePath } from '../catalog/source.ts';
import { type Problem, problem, type SourcePosition } from '../problem.ts';
import { lintRuleText } from '../validate/lint.ts';
import type { Importer } from './importer.ts';
import {
  at,
  type InputDocument,
  importCheck,
  type Json,
  objectAt,
  pathText,
  readYamlDocuments,
} from './input.ts';
import { dnsName } from './sli.ts';

interface RuleSource {
  readonly at: SourcePosition;
  readonly rule: Json;
}

interface GroupSource {
  readonly name: string;
  readonly interval: string | null;
  readonly rules: RuleSource[];
}

const js = (value: unknown) => JSON.stringify(String(value));

function groupsOf(doc: InputDocument, problems: Problem[], notes: string[]): GroupSource[] {
  const value = objectAt(doc.value);
  const crd = value.kind === 'PrometheusRule';
  const root: ValuePath = crd ? ['spec', 'groups'] : ['groups'];
  const groups = crd ? objectAt(value.spec).groups : value.groups;
  if (!Array.isArray(groups)) {
    if (value.kind !== undefined && !crd) return []; // another Kubernetes object: lint skips it too
    problems.push(
      problem(importCheck, 'error', 'not a rule file: expected `groups:` or a PrometheusRule', at(doc, [])),
    );
    return [];
  }
  if (crd)
    for (const key of ['metadata'])
      if (value[key] !== undefined)
        notes.push(
          `${pathText([key])}: not mapped: the generated PrometheusRule is named after the service and lives in its namespace`,
        );
  return groups.map((g, gi) => {
    const group = objectAt(g);
    const path = [...root, gi];
    for (const key of Object.keys(group))
      if (!['name', 'interval', 'rules'].includes(key))
        notes.push(`${pathText([...path, key])}: not mapped: the group builder has no ${key}`);
    return {
      name: String(group.name ?? ''),
      interval: typeof group.interval === 'string' ? group.interval : null,
      rules: (Array.isArray(group.rules) ? group.rules : []).map((r, ri) => ({
        at: at(doc, [...path, 'rules', ri]),
        rule: objectAt(r),
      })),
    };
  });
}

function ruleCode(rule: Json, findings: readonly string[]): string {
  const lines = findings.map((f) => `    // ${f}`);
  const calls: string[] = [];
  if (typeof rule.alert === 'string') {
    calls.push(`new AlertRuleBuilder(${js(rule.alert)}, ${js(rule.expr)})`);
    if (rule.for !== undefined) calls.push(`.for(${js(rule.for)})`);
    if (rule.keep_firing_for !== undefined) calls.push(`.keepFiringFor(${js(rule.keep_firing_for)})`);
    for (const [k, v] of Object.entries(objectAt(rule.labels))) calls.push(`.label(${js(k)}, ${js(v)})`);
    for (const [k, v] of Object.entries(objectAt(rule.annotations)))
      calls.push(`.annotation(${js(k)}, ${js(v)})`);
  } else {
    calls.push(`new RecordingRuleBuilder(${js(rule.record)}, ${js(rule.expr)})`);
    for (const [k, v] of Object.entries(objectAt(rule.labels))) calls.push(`.label(${js(k)}, ${js(v)})`);
  }
  const [first, ...rest] = calls;
  return [...lines, `    ${first}`, ...rest.map((c) => `      ${c}`)].join('\n');
}

export const rules: Importer = {
  name: 'rules',
  summary:
    'hand-written rule files or PrometheusRules -> an alerts/<service>.ts module (linted on the way in)',
  run(file, text, options) {
    const read = readYamlDocuments(file, text);
    if (!read.ok) return { output: null, problems: read.problems };
    const problems: Problem[] = [];
    const notes: string[] = [];
    const groups = read.documents.flatMap((doc) => groupsOf(doc, problems, notes));
    const lint = lintRuleText(file, text);
    problems.push(...lint.filter((p) => p.severity === 'error'));
    if (groups.length === 0 && problems.length === 0)
      problems.push(
        problem(importCheck, 'error', 'no rule groups in the file', { file, line: 1, column: 1 }),
      );
    if (problems.length > 0) return { output: null, problems };
    const service = options.service ?? dnsName(file.split('/').at(-1)?.split('.')[0] ?? 'service');
    const starts = groups.flatMap((g) => g.rules.map((r) => r.at.line)).sort((a, b) => a - b);
    const ruleOf = (line: number) => starts.filter((s) => s <= line).at(-1) ?? starts[0] ?? 0;
    const findings = new Map<number, string[]>();
    for (const p of lint) {
      const key = ruleOf(p.line);
      findings.set(key, [
        ...(findings.get(key) ?? []),
        `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.check}: ${p.message}`,
      ]);
    }
    const usesRecords = groups.some((g) => g.rules.some((r) => typeof r.rule.alert !== 'string'));
    const imports = [
      'AlertRuleBuilder',
      'defineAlerts',
      ...(usesRecords ? ['RecordingRuleBuilder'] : []),
      'RuleGroupBuilder',
    ];
    const body = groups.map((g) => {
      const head = `  new RuleGroupBuilder(${js(g.name)})${g.interval ? `.interval(${js(g.interval)})` : ''}.rule(`;
      return `${head}\n${g.rules.map((r) => ruleCode(r.rule, findings.get(r.at.line) ?? [])).join(',\n')},\n  ),`;
    });
    const output = [
      `// Imported by \`obsgen import rules\` from ${file}: its groups and rules as written, for service`,
      `// ${service} (pass --service to choose another). Lint findings on the way in stand above their rule.`,
      "// These alerts carry no team or service label of their own: add .label('team', service.team) and",
      "// .label('service', service.name) for the route tree to send them to the owning team.",
      ...notes.map((n) => `// ${n}`),
      `import { ${imports.join(', ')} } from 'obsgen';`,
      '',
      `export default defineAlerts(${js(service)}, () => [`,
      ...body,
      ']);',
      '',
    ].join('\n');
    const warnings = lint.filter((p) => p.severity !== 'error');
    return { output, problems: warnings };
  },
};
