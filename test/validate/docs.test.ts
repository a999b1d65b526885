// Every check id has a documentation page, and each page's example produces exactly the finding it shows.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderFinding } from '../../src/problem.ts';
import { checks } from '../../src/validate/checks/index.ts';
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

describe('docs/checks', () => {
  it('has a page per check id', () => {
    for (const check of checks) expect(pages).toContain(`${check.id.replace('/', '-')}.md`);
  });

  const examples = pages.flatMap((page) => {
    const text = readFileSync(path.join(docsDir, page), 'utf8');
    const match = /```yaml\n([\s\S]*?)\n```\n\n```\n([\s\S]*?)\n```/.exec(text);
    // A page about the 3.x profile says so (`obsgen lint --promql 3`): its example is linted as 3.x.
    const promql = text.includes('obsgen lint --promql 3') ? ('3' as const) : ('2.42' as const);
    return match?.[1] && match[2] ? [[page, match[1], match[2], promql] as const] : [];
  });

  it.each(examples)('%s example gives the finding shown', (_page, yaml, finding, promql) => {
    const lines = lintRuleText('rules.yaml', exampleFile(yaml), { promql }).map(renderFinding);
    expect(lines).toContain(finding);
  });
});
