// `obsgen lint` in-process: output formats, --fail-on threshold, exit codes, usage errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLint } from './cli-helpers.ts';
import { ruleFile } from './support.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-lint-'));
writeFileSync(path.join(dir, 'clean.yaml'), ruleFile({ expr: 'sum(rate(x_total[5m])) > 1', for: '5m' }));
writeFileSync(path.join(dir, 'warn.yaml'), ruleFile({ expr: 'sum(rate(x_total[5m]))', for: '5m' }));
writeFileSync(path.join(dir, 'broken.yaml'), ruleFile({ expr: 'sum(rate(x_total[5m]) > 1', for: '5m' }));
writeFileSync(
  path.join(dir, 'crd.yaml'),
  [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: not-rules}',
    '---',
    'apiVersion: monitoring.coreos.com/v1',
    'kind: PrometheusRule',
    'metadata: {name: x}',
    'spec:',
    '  groups:',
    '  - name: g',
    '    rules:',
    '    - record: job:x:sum',
    '      expr: |',
    '        sum by (job) (',
    '          x{job=~"api"}',
    '        )',
    '',
  ].join('\n'),
);

describe('obsgen lint', () => {
  it('prints nothing and exits 0 on a clean file', async () => {
    expect(await runLint(['clean.yaml'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints file:line:col: severity check-id: message lines', async () => {
    const run = await runLint(['warn.yaml', 'broken.yaml'], dir);
    expect(run.stdout).toBe(
      [
        'broken.yaml:5:38: error promql/syntax: unclosed left parenthesis',
        'warn.yaml:5:12: warning alerts/always-fires: the expression has no condition (comparison, and/unless, absent): the alert fires for as long as the series exist',
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(1);
  });

  it('finds rules in the PrometheusRule document of a multi-document file', async () => {
    const run = await runLint(['crd.yaml'], dir);
    expect(run.stdout).toBe(
      'crd.yaml:15:11: info promql/regex-equality: job=~"api" matches one value only: use job="api"\n',
    );
  });

  it('writes JSON with --format json', async () => {
    const run = await runLint(['--format', 'json', 'warn.yaml'], dir);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        file: 'warn.yaml',
        line: 5,
        column: 12,
        severity: 'warning',
        check: 'alerts/always-fires',
        message:
          'the expression has no condition (comparison, and/unless, absent): the alert fires for as long as the series exist',
      },
    ]);
    expect(run.code).toBe(0);
  });

  it('fails on warnings with --fail-on warning, on infos with --fail-on=info', async () => {
    expect((await runLint(['--fail-on', 'warning', 'warn.yaml'], dir)).code).toBe(1);
    expect((await runLint(['--fail-on=warning', 'clean.yaml'], dir)).code).toBe(0);
    expect((await runLint(['--fail-on=info', 'crd.yaml'], dir)).code).toBe(1);
    expect((await runLint(['--fail-on=warning', 'crd.yaml'], dir)).code).toBe(0);
  });

  it('lints a folder, reporting each file', async () => {
    const run = await runLint(['.'], dir);
    expect(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(':')[0]),
    ).toEqual(['broken.yaml', 'crd.yaml', 'warn.yaml']);
  });

  it('uses --scrape-interval for promql/rate-window', async () => {
    writeFileSync(path.join(dir, 'window.yaml'), ruleFile({ expr: 'sum(rate(x_total[2m])) > 1', for: '5m' }));
    expect((await runLint(['window.yaml'], dir)).stdout).toContain('warning promql/rate-window');
    expect((await runLint(['--scrape-interval', '15s', 'window.yaml'], dir)).stdout).toBe('');
  });

  it('reads metric types and labels from --catalog', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'obsgen-lint-catalog-'));
    writeFileSync(
      path.join(project, 'catalog.yaml'),
      [
        'teams:',
        '  shop: { receivers: { chat: { slack: { channel: "#shop", apiURL: { secret: slack, key: url } } } } }',
        'services:',
        '  checkout:',
        '    team: shop',
        '    namespace: shop',
        '    scrape: { port: metrics, selector: { app: checkout } }',
        '    metrics:',
        '      requests: { name: checkout_http_requests_total, type: counter, labels: [method, code] }',
        '      queue: { name: checkout_queue_jobs, type: gauge }',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(project, 'rules.yaml'),
      ruleFile(
        { expr: 'sum(increase(checkout_queue_jobs[1h])) > 1', for: '5m' },
        { expr: 'sum by (route) (rate(checkout_http_request_total[5m])) > 1', for: '5m' },
      ),
    );
    expect((await runLint(['rules.yaml'], project)).stdout).toBe(
      'rules.yaml:5:25: warning promql/rate-of-gauge: increase() of checkout_queue_jobs, which is not named like a counter (no _total, _count, _sum or _bucket suffix): increase() reads every decrease as a counter reset; use deriv() or delta() for a gauge\n',
    );
    const run = await runLint(['--catalog', 'catalog.yaml', 'rules.yaml'], project);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'rules.yaml:5:25: warning promql/rate-of-gauge: increase() of checkout_queue_jobs, which the catalog declares a gauge: increase() reads every decrease as a counter reset; use deriv() or delta() for a gauge',
      "rules.yaml:10:33: warning promql/undeclared-metric: checkout_http_request_total is not a metric the catalog declares (nor a series a rule here records): fix the name, or declare it under the service's metrics",
    ]);
    expect(run.code).toBe(0);
    const broken = await runLint(['--catalog', 'missing.yaml', 'rules.yaml'], project);
    expect(broken).toEqual({
      code: 1,
      stdout: '',
      stderr: 'missing.yaml:1:1: error catalog/schema: cannot read catalog: file not found\n',
    });
  });

  it('prints its usage with --help', async () => {
    const run = await runLint(['--help'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: obsgen lint/);
  });

  it('reports a missing file and usage errors', async () => {
    const missing = await runLint(['nope.yaml'], dir);
    expect(missing.stdout).toBe('nope.yaml:1:1: error lint/read: no such file or folder\n');
    expect(missing.code).toBe(1);
    for (const args of [
      [],
      ['--format', 'xml', 'a.yaml'],
      ['--fail-on', 'fatal', 'a.yaml'],
      ['--bogus', 'a.yaml'],
    ]) {
      const run = await runLint(args, dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^obsgen lint: .*\nusage: obsgen lint/);
    }
  });
});
