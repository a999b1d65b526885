// A shared parse of texts around the same actions is the plain parse of each text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/template/parse.ts';
import { TemplateParses } from '../../src/template/shared-parse.ts';

const options = {
  variables: ['$labels', '$value'],
  functions: new Set(['humanize', 'humanizePercentage', 'printf']),
};

/** Actions, good and bad, with trim markers, comments, strings holding braces and unbalanced blocks. */
const actions = [
  '{{ $value }}',
  '{{ $value | humanizePercentage }}',
  '{{- $value -}}',
  '{{- $value }}',
  '{{ $value -}}',
  '{{ $labels.instance }}',
  '{{ printf "%.2f" $value }}',
  '{{ "}}" }}',
  '{{ "{{" }}',
  '{{/* a comment */}}',
  '{{- /* trimmed */ -}}',
  '{{ if $value }}',
  '{{ else }}',
  '{{ end }}',
  '{{ define "x" }}',
  '{{ template "x" }}',
  '{{ unknown }}',
  '{{ $undefined }}',
  '{{ }}',
  '{{',
  '}}',
  '{{ -1 }}',
  "{{ 'a' }}",
];

const texts = fc
  .array(
    fc.oneof(
      fc.constantFrom(...actions),
      fc.string({ unit: fc.constantFrom('a', ' ', '%', '{', '}', '-', '\n', 'svc-1', 's'), maxLength: 6 }),
    ),
    { maxLength: 7 },
  )
  .map((pieces) => pieces.join(''));

describe('TemplateParses', () => {
  it('parses every text as parseTemplate does, sharing parses across texts', () => {
    const shared = new TemplateParses(options);
    fc.assert(
      fc.property(texts, (text) => {
        expect(shared.parse(text)).toEqual(parseTemplate(text, options));
      }),
      { numRuns: 3000 },
    );
  });

  it('parses the same core in two texts once', () => {
    const shared = new TemplateParses(options);
    const a = shared.parse('{{ $value | humanizePercentage }} of svc-a is down');
    const b = shared.parse('{{ $value | humanizePercentage }} of svc-b is down');
    expect(a.ok && b.ok && a.template.root[0]).toBe(b.ok && b.template.root[0]);
    expect(b).toEqual(parseTemplate('{{ $value | humanizePercentage }} of svc-b is down', options));
  });
});
