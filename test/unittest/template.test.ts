import { describe, expect, it } from 'vitest';
import {
  alertTemplateSetting,
  expandAlertTemplate,
  expandAlertTemplateFor,
  formatFloat,
  formatFloatV,
  parseAlertTemplate,
  parseTemplate,
  sprintf,
} from '../../src/template/index.ts';
import { goFloat, goInt, goString } from '../../src/template/value.ts';

const labels = new Map([
  ['__name__', 'x'],
  ['job', 'api'],
  ['instance', 'host1:9090'],
]);
const expand = (text: string, value = 1234567.891): string =>
  expandAlertTemplate(text, 'T', {
    labels,
    externalLabels: new Map([['cluster', 'c1']]),
    externalURL: 'http://x',
    value,
  });

// Expected outputs were produced by promtool 2.42 on the same templates.
describe('alert templates as Prometheus 2.42 expands them', () => {
  it.each([
    ['{{ $value }}', '1.234567891e+06'],
    ['{{ humanize $value }}', '1.235M'],
    ['{{ humanize1024 $value }}', '1.177Mi'],
    ['{{ humanizePercentage $value }}', '1.235e+08%'],
    ['{{ humanizeDuration $value }}', '14d 6h 56m 7s'],
    ['{{ printf "%.2f" $value }}', '1234567.89'],
    ['{{ printf "%d" $value }}', '%!d(float64=1.234567891e+06)'],
    [
      '{{ printf "%v|%g|%e|%s|%q" $value $value $value $labels.job $labels.job }}',
      '1.234567891e+06|1.234567891e+06|1.234568e+06|api|"api"',
    ],
    ['{{ if gt $value 100.0 }}big{{ else if gt $value 1.0 }}mid{{ else }}small{{ end }}', 'big'],
    ['{{ range $k, $v := $labels }}{{ $k }}={{ $v }},{{ end }}', '__name__=x,instance=host1:9090,job=api,'],
    ['{{- " x " -}} y {{ title "hello world-foo" }}', ' x y Hello World-Foo'],
    [
      '{{ reReplaceAll "(.*):(.*)" "$2/$1" $labels.instance }}|{{ match "^h" $labels.instance }}|{{ stripPort $labels.instance }}',
      '9090/host1|true|host1',
    ],
    [
      '{{ humanizeTimestamp 1600000000.5 }}|{{ len $labels }}|{{ index $labels "job" }}|{{ .Labels.job }}|{{ .Value }}',
      '2020-09-13 12:26:40.5 +0000 UTC|3|api|api|1.234567891e+06',
    ],
    [
      '{{ gt $value 1 }}',
      '<error expanding template: error executing template __alert_T: template: __alert_T:1:115: executing "__alert_T" at <gt $value 1>: error calling gt: incompatible types for comparison>',
    ],
    [
      '{{ $labels.missing }}|{{ .Labels.missing }}|{{ and 1 0 }}|{{ or 0 "" }}|{{ not true }}|{{ eq "a" "b" "a" }}',
      '||0||false|true',
    ],
    [
      '{{ with $labels.job }}job={{ . }}{{ end }}{{ with $labels.nope }}x{{ else }}none{{ end }}',
      'job=apinone',
    ],
    ['{{ printf "%5.1f|%-6s|%06.2f|%x|%+d" $value "ab" 3.14159 255 5 }}', '1234567.9|ab    |003.14|ff|+5'],
    [
      '{{ humanize 0.000123 }} {{ humanize 0 }} {{ humanizeDuration 0.0012 }} {{ humanizeDuration 90061 }} {{ humanize 1e30 }}',
      '123u 0 1.2ms 1d 1h 1m 1s 1e+06Y',
    ],
    [
      '{{ $x := 5 }}{{ $x = 6 }}{{ $x }} {{ print 1 2 "a" 3 }} {{ printf "%s" 1.5 }}',
      '6 1 2a3 %!s(float64=1.5)',
    ],
    ['{{ $externalLabels.cluster }} {{ $externalURL }}', 'c1 http://x'],
  ])('%s', (text, want) => {
    expect(expand(text)).toBe(want);
  });
});

describe('Go float formatting', () => {
  it.each([
    [1234567, '1.234567e+06'],
    [123456, '123456'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e21, '1e+21'],
    [-0.5, '-0.5'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NaN, 'NaN'],
    [0, '0'],
  ])('%v prints as %s', (v, want) => {
    expect(formatFloatV(v)).toBe(want);
  });
  it('rounds half to even on the exact value', () => {
    expect(formatFloat(0.125, 'f', 2)).toBe('0.12');
    expect(formatFloat(2.5, 'f', 0)).toBe('2');
    expect(formatFloat(0.1 + 0.2, 'g', 4)).toBe('0.3');
  });
  it('printf mismatches print like Go', () => {
    expect(sprintf('%d %s %v', [goInt(3), goFloat(1.5), goString('x')])).toBe('3 %!s(float64=1.5) x');
    expect(sprintf('%d', [])).toBe('%!d(MISSING)');
  });
});

describe('parseTemplate', () => {
  it('reports errors with offsets', () => {
    const r = parseTemplate('ok {{ if $x }} no end');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.offset).toBe(3);
    const r2 = parseTemplate('{{ .Labels.job');
    expect(r2.ok).toBe(false);
  });
  it('accepts the usual annotation shapes', () => {
    for (const t of [
      '{{ $labels.job }} is {{ $value | humanizePercentage }}',
      '{{ range query "up" }}{{ . | value }}{{ end }}',
      '{{/* c */}}x',
      '{{ define "a" }}A{{ end }}{{ template "a" }}',
    ]) {
      expect(parseAlertTemplate(t).ok).toBe(true);
    }
  });
  it('rejects undefined variables and unknown functions at parse time, as Go does', () => {
    const bad = (t: string): string => {
      const r = parseAlertTemplate(t);
      return r.ok ? 'ok' : `${r.errors[0]?.offset}: ${r.errors[0]?.message}`;
    };
    expect(bad('x {{ $foo }}')).toBe('5: undefined variable "$foo"');
    expect(bad('{{ if false }}{{ nosuchfunc }}{{ end }}')).toBe('17: function "nosuchfunc" not defined');
    expect(bad('{{ with $x := 1 }}{{ $x }}{{ end }}{{ $x }}')).toBe('38: undefined variable "$x"');
    expect(bad('{{ range $i, $v := $labels }}{{ $i }}{{ $v }}{{ end }}')).toBe('ok');
    expect(parseTemplate('{{ anything $.x }}').ok).toBe(true);
  });
});

describe('an alert template setting prepared once', () => {
  it('expands each value as expandAlertTemplate does, sharing only the labels and URLs', () => {
    const setting = alertTemplateSetting({
      labels,
      externalLabels: new Map([['cluster', 'c1']]),
      externalURL: 'http://x',
    });
    const texts = [
      '{{ $value | humanizePercentage }} of {{ $labels.job }} on {{ .ExternalURL }}',
      '{{ .Value }} {{ $externalLabels.cluster }} {{ $value }}',
      'no template here',
      '{{ .Nope }}',
    ];
    for (const text of texts)
      for (const value of [0, 0.123456, 1234567.891, Number.NaN])
        expect(expandAlertTemplateFor(text, 'T', setting, value), `${text} at ${value}`).toBe(
          expand(text, value),
        );
  });

  it('keeps an assignment to a variable inside the expansion that made it', () => {
    const setting = alertTemplateSetting({ labels, externalLabels: new Map(), externalURL: '' });
    expect(expandAlertTemplateFor('{{ $labels = "x" }}{{ $labels }}', 'T', setting, 1)).toBe('x');
    expect(expandAlertTemplateFor('{{ $labels.job }}', 'T', setting, 1)).toBe('api');
  });
});
