// Every check id (rule, dashboard and catalog checks) has a documentation page, and each page's example produces exactly the finding it shows.
// A page whose check reads the catalog (`obsgen lint --catalog`) gives it in a ```yaml catalog block.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogChecks } from '../../src/catalog/checks/index.ts';
import { catalogCheck } from '../../src/catalog/issues.ts';
import { checkPage } from '../../src/check.ts';
import { modelChecks } from '../../src/model/checks/index.ts';
import { loadCatalog } from '../../src/model/resolve.ts';
import { renderFinding } from '../../src/problem.ts';
import { checks } from '../../src/validate/checks/index.ts';
import { type MetricContract, metricContract } from '../../src/validate/contract.ts';
import { dashboardChecks, invalidJsonId } from '../../src/validate/dashboards/index.ts';
import { lintRuleText } from '../../src/validate/lint.ts';

const docsDir = path.resolve(import.meta.dirname, '../../docs/checks');
const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md'));

/** The example rules of a page as a rule file: a rule list is put in a group, a whole file kept as is. */
function exampleFile(yaml: string): string {
  if (yaml.startsWith('groups:')) return `${yaml}\n`;
  const indented = yaml
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `groups:\n- name: test\n  rules:\n${indented}\n`;
}

/** The metric contract of a page's example catalog, loaded as `obsgen lint --catalog` loads it. */
async function exampleContract(catalog: string): Promise<MetricContract> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-docs-')), 'catalog.yaml');
  writeFileSync(file, `${catalog}\n`);
  const loaded = await loadCatalog(file, 'catalog.yaml');
  if (!loaded.model) throw new Error(loaded.problems.map(renderFinding).join('\n'));
  return metricContract(loaded.model);
}

/** Every check of every kind, as `id` and default severity. */
const everyCheck: readonly { readonly id: string; readonly severity: string }[] = [
  ...checks,
  ...dashboardChecks,
  { id: invalidJsonId, severity: 'error' },
  ...catalogChecks,
  ...modelChecks,
  { id: catalogCheck, severity: 'error' },
];

describe('docs/checks', () => {
  it.each(everyCheck.map((check) => [check.id, check.severity] as const))(
    '%s has a page that names it and its default severity',
    (id, severity) => {
      const page = path.basename(checkPage(id));
      expect(pages).toContain(page);
      const text = readFileSync(path.join(docsDir, page), 'utf8');
      expect(text.startsWith(`# ${id}\n`)).toBe(true);
      expect(text).toContain(`Default severity: **${severity}**.`);
    },
  );

  it('has one id per check', () => {
    const ids = everyCheck.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  const examples = pages.flatMap((page) => {
    const text = readFileSync(path.join(docsDir, page), 'utf8');
    const match = /```yaml\n([\s\S]*?)\n```\n\n```\n([\s\S]*?)\n```/.exec(text);
    // A page about the 3.x profile says so (`obsgen lint --promql 3`): its example is linted as 3.x.
    const promql = text.includes('obsgen lint --promql 3') ? ('3' as const) : ('2.42' as const);
    const catalog = /```yaml catalog\n([\s\S]*?)\n```/.exec(text)?.[1] ?? null;
    return match?.[1] && match[2] ? [[page, match[1], match[2], promql, catalog] as const] : [];
  });

  it.each(examples)('%s example gives the finding shown', async (_page, yaml, finding, promql, catalog) => {
    const contract = catalog === null ? null : await exampleContract(catalog);
    const lines = lintRuleText('rules.yaml', exampleFile(yaml), { promql, contract }).map(renderFinding);
    expect(lines).toContain(finding);
  });

  it('shows a catalog for every check that reads one', () => {
    const withCatalog = examples.filter(([, , , , catalog]) => catalog !== null).map(([page]) => page);
    expect(withCatalog.sort()).toEqual(['promql-undeclared-metric.md', 'promql-unknown-label.md']);
  });
});
