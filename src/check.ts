// The one shape of every check obsgen runs, whether it reads a rule, a dashboard or the catalog: an
// id `area/name` that names its page docs/checks/area-name.md, a default severity, one line for
// `--help` and the README, and a pure function from what it checks to findings.
import type { Severity } from './problem.ts';

export interface CheckOf<Subject, Context, Result> {
  /** `area/name`; its documentation page is `docs/checks/area-name.md`. */
  readonly id: string;
  /** Of its main finding; a finding may carry its own. */
  readonly severity: Severity;
  /** One line for `--help` and the README table. */
  readonly description: string;
  check(subject: Subject, context: Context): readonly Result[];
}

/** Path of a check's page below the repository, e.g. `docs/checks/rules-record-name.md`. */
export function checkPage(id: string): string {
  return `docs/checks/${id.replace('/', '-')}.md`;
}
