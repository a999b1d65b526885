// `obsgen import`: usage errors exit 2, bad input exits 1 with file:line:col and writes nothing,
// --out writes the fragment that stdout would show.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../support/project.ts';

const spec = `version: prometheus/v1
service: api
labels: { owner: web }
slos:
  - name: availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total[{{.window}}]))
`;

describe('obsgen import', () => {
  it.each([
    { argv: ['import'], why: 'expected a format and one FILE' },
    { argv: ['import', 'nagios', 'x.yml'], why: 'unknown format "nagios"' },
    { argv: ['import', 'sloth'], why: 'expected a format and one FILE' },
    { argv: ['import', 'sloth', 'a.yml', 'b.yml'], why: 'expected a format and one FILE' },
    { argv: ['import', 'sloth', 'a.yml', '--bogus'], why: 'unknown option --bogus' },
  ])('usage error $argv exits 2', async ({ argv, why }) => {
    const result = await runCli(argv, await tempProject({}));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`obsgen import: ${why}`);
  });

  it('writes --out as stdout would show it, and warnings to stderr', async () => {
    const dir = await tempProject({ 'spec.yml': spec });
    const shown = await runCli(['import', 'sloth', 'spec.yml'], dir);
    expect(shown.code).toBe(0);
    const written = await runCli(['import', 'sloth', 'spec.yml', '--out', 'fragment.yaml'], dir);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(await readFile(path.join(dir, 'fragment.yaml'), 'utf8')).toBe(shown.stdout);
    expect(shown.stderr).toContain('spec.yml:2:1: info: service: assumed: namespace api');
  });

  it('bad input: exit 1, file:line:col, no --out written', async () => {
    const dir = await tempProject({ 'spec.yml': spec.replace('objective: 99.9', 'objective: 120') });
    const result = await runCli(['import', 'sloth', 'spec.yml', '--out', 'fragment.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('spec.yml:6:16: error: objective: a percentage between 0 and 100');
    expect(existsSync(path.join(dir, 'fragment.yaml'))).toBe(false);
  });

  it('a missing file: exit 1 at the file', async () => {
    const result = await runCli(['import', 'sloth', 'nope.yml'], await tempProject({}));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('nope.yml:1:1: error: cannot read: file not found\n');
  });
});
