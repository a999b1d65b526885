// The tests generator expands the actions of alert texts that read `$value` alone once per value
// and writes each text's own words around them: for any texts, values and labels, what it writes
// is what expanding each whole text gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertTemplateSetting, expandAlertTemplateFor } from '../../src/template/index.ts';
import { ValueOnlyExpansions } from '../../src/template/value-only.ts';

const around = fc.constantFrom(
  '',
  'svc-00001 ',
  'The p99 of shop is ',
  ' of capacity.',
  ' query ',
  ' }} ',
  '{ ',
  '\n',
  ' ',
);

const cores = fc.constantFrom(
  '{{ $value | humanizePercentage }}',
  '{{ $value }}',
  '{{ printf "%.2f" $value }}',
  '{{ humanize $value }} and {{ $value | humanizeDuration }}',
  '{{ $value | humanize1024 }}{{/* note */}}',
  '{{ ($value) | humanizeTimestamp }}',
  '{{ $labels.service }} at {{ $value }}',
  '{{ . }}',
  '{{ .Value }}',
  '{{ $x := $value }}{{ $x }}',
  '{{ $value | nosuch }}',
  '{{ $undefined }}',
  '{{ printf }}',
  '{{ $value | humanizeDuration | humanize }}',
  '{{- $value }}',
  '{{ $value -}}',
  '{{ $value }} }}',
  '{{ "}}" }}',
  '{{ if gt $value 1.0 }}big{{ end }}',
  '{{ query "up" }}',
);

const value = fc.oneof(
  fc.constantFrom(0, -0, 1, 0.051, Number.NaN, Number.POSITIVE_INFINITY, 1e21, -5),
  fc.double(),
);

const text = fc.tuple(around, cores, around).map(([before, core, after]) => `${before}${core}${after}`);

describe('ValueOnlyExpansions', () => {
  it('expands as the whole text does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, value), { minLength: 1, maxLength: 10 }), (cases) => {
        const expansions = new ValueOnlyExpansions();
        for (const [t, v] of cases)
          for (const service of ['shop', 'svc-00001']) {
            const setting = alertTemplateSetting({
              labels: new Map([['service', service]]),
              externalLabels: new Map(),
              externalURL: '',
              query: null,
            });
            expect(expansions.expand(t, 'description', () => setting, v)).toBe(
              expandAlertTemplateFor(t, 'description', setting, v),
            );
          }
      }),
    );
  });
});
