import { describe, expect, it } from 'vitest';
import { formatMatcher, parseMatcher, parseMatchers } from '../../src/alertmanager/matchers.ts';

describe('Alertmanager matchers', () => {
  it.each([
    ['a="b"', 'a', '=', 'b'],
    ['a = b', 'a', '=', 'b'],
    ['a!="b c"', 'a', '!=', 'b c'],
    ['a=~"x|y"', 'a', '=~', 'x|y'],
    ['a!~""', 'a', '!~', ''],
    ['a="q\\"uote"', 'a', '=', 'q"uote'],
    ['a="back\\\\slash"', 'a', '=', 'back\\slash'],
    ['a="\\d"', 'a', '=', '\\d'],
  ])('parses %s', (text, name, type, value) => {
    const m = parseMatcher(text);
    expect(m.ok && { name: m.value.name, type: m.value.type, value: m.value.value }).toEqual({
      name,
      type,
      value,
    });
  });

  it.each(['a', '1a="b"', 'a=="b"x', 'a="b', 'a="b"c"', 'a=~"("'])('refuses %s', (text) => {
    expect(parseMatcher(text).ok).toBe(false);
  });

  it('anchors regular expressions at both ends (RE2 semantics)', () => {
    const m = parseMatcher('severity=~"crit|warn"');
    expect(m.ok && [m.value.matches('crit'), m.value.matches('critical'), m.value.matches('xwarn')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('splits lists at commas outside quotes', () => {
    const ms = parseMatchers('{a="x,y", b=~"1|2"}');
    expect(ms.ok && ms.value.map(formatMatcher)).toEqual(['a="x,y"', 'b=~"1|2"']);
  });

  it('treats a missing label as the empty value', () => {
    const m = parseMatcher('team!~".+"');
    expect(m.ok && m.value.matches('')).toBe(true);
  });
});
