// The notification templates inlined in every receiver must be valid Alertmanager templates: parsed
// by obsgen's Go template parser, and rendered by `amtool template render` on its example data.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { body, details, pagerdutySeverity, title } from '../../src/artifacts/routes/templates.ts';
import { parseTemplate } from '../../src/template/parse.ts';
import { tool } from '../support/tools.ts';

const templates: [string, string][] = [
  ['title', title],
  ['body', body],
  ['pagerdutySeverity', pagerdutySeverity],
  ...Object.entries(details),
];

describe('notification templates', () => {
  it.each(templates)('%s parses as a Go template', (_, text) => {
    expect(parseTemplate(text).ok).toBe(true);
  });

  it('show summary, description, runbook and dashboard links', () => {
    for (const annotation of ['summary', 'description', 'runbook_url', 'dashboard_url'])
      expect(body).toContain(`.Annotations.${annotation}`);
  });

  const amtool = tool('amtool');
  describe.skipIf(!amtool.path)('amtool template render', () => {
    const glob = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-tmpl-')), 'empty.tmpl');
    writeFileSync(glob, '');
    it.each(templates)('%s renders', (_, text) => {
      expect(() =>
        execFileSync(
          amtool.path ?? 'amtool',
          ['template', 'render', `--template.glob=${glob}`, `--template.text=${text}`],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        ),
      ).not.toThrow();
    });
  });
});
