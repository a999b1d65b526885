// The committed generated/ output of the example catalog: amtool accepts it, every routing-table row
// agrees between obsgen and amtool, the CRDs validate, and nothing in generated/ looks like a secret.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { expectRoute } from '../../src/alertmanager/expect.ts';
import type { RoutingRow } from '../../src/artifacts/routes/table.ts';
import { looksLikeSecret } from '../../src/catalog/checks/secrets.ts';
import { tool } from '../support/tools.ts';
import { resolvedCrdRoute, resolvedTeamRoute } from './crd-routing.ts';

const generated = path.resolve(import.meta.dirname, '../../generated');
const configFile = path.join(generated, 'alertmanager/alertmanager.yaml');
const plain = readFileSync(configFile, 'utf8');
const rows = (
  parse(readFileSync(path.join(generated, 'alertmanager/routing-table.yaml'), 'utf8')) as {
    rows: RoutingRow[];
  }
).rows;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('generated/alertmanager of the example catalog', () => {
  it('maps the seeds: rental-ml on-call email and Slack, healthcare-ai critical to platform, critical/warning/info', () => {
    expectRoute(plain, { team: 'rental', service: 'rental-ml', severity: 'critical' }).toReach([
      'rental-oncall',
      'rental-chat',
    ]);
    expectRoute(plain, { team: 'rental', service: 'rental-ml', severity: 'warning' }).toReach([
      'rental-chat',
    ]);
    expectRoute(plain, { team: 'platform', service: 'healthcare-ai', severity: 'critical' }).toReach([
      'platform-pager',
      'platform-chat',
    ]);
    expectRoute(plain, { team: 'platform', service: 'cloudviz', severity: 'info' }).toReach([
      'platform-low-noise',
    ]);
    expectRoute(plain, { alertname: 'Watchdog' }).toReach(['platform-deadman']);
  });

  it('every routing-table row holds with obsgen matching', () => {
    for (const row of rows)
      expect(expectRoute(plain, row.labels).receivers, row.description).toEqual(row.receivers);
  });

  it('every AlertmanagerConfig validates against the operator schema', () => {
    const files = readdirSync(path.join(generated, 'alertmanager')).filter(
      (f) => !['alertmanager.yaml', 'routing-table.yaml'].includes(f),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(path.join(generated, 'alertmanager', file), 'utf8'))) {
        expect(() => new AlertmanagerConfig(doc.toJS()).validate(), file).not.toThrow();
      }
    }
  });

  it('every AlertmanagerConfig routes as the plain config subtree of its team, timings included', () => {
    const files = readdirSync(path.join(generated, 'alertmanager')).filter(
      (f) => !['alertmanager.yaml', 'routing-table.yaml'].includes(f),
    );
    for (const file of files) {
      const team = file.replace(/\.yaml$/, '');
      for (const doc of parseAllDocuments(readFileSync(path.join(generated, 'alertmanager', file), 'utf8'))) {
        expect(resolvedCrdRoute(doc.toJS()), file).toEqual(resolvedTeamRoute(plain, team));
      }
    }
  });

  it('nothing in generated/ looks like a secret', () => {
    const leaks = filesUnder(generated).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line) =>
          line
            .split(/[\s"'`,]+/)
            .map((word) => [word, looksLikeSecret(word) ?? looksLikeSecret(line)] as const),
        )
        .filter(([, what]) => what !== null)
        .map(([word, what]) => `${path.relative(generated, file)}: ${what}: ${word.slice(0, 40)}`),
    );
    expect(leaks).toEqual([]);
  });

  const amtool = tool('amtool');
  describe.skipIf(!amtool.path)('against amtool 0.25', () => {
    const run = (...args: string[]) =>
      execFileSync(amtool.path ?? 'amtool', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    it('amtool check-config accepts generated/alertmanager/alertmanager.yaml', () => {
      expect(run('check-config', configFile)).toContain('SUCCESS');
    });
    it('amtool config routes test agrees on every routing-table row', () => {
      for (const row of rows) {
        const labels = Object.entries(row.labels).map(([k, v]) => `${k}=${v}`);
        expect(
          run('config', 'routes', 'test', '--config.file', configFile, ...labels).trim(),
          row.description,
        ).toBe(row.receivers.join(','));
      }
    });
  });
});
