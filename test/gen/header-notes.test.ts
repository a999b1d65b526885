// A file's header notes (the target it was generated for, the command that rebuilds it) added in
// one step give what adding the target note and then the advice gave.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generatedHeader,
  withHeaderNotes,
  withRegenerateAdvice,
  withTargetNote,
} from '../../src/emit/yaml.ts';

const defaultAdvice = 'run `npm run gen`';

/** withRegenerateAdvice's definition: the first line, cut out, ends with the header. */
function adviceBySlicing(content: string, advice: string): string {
  const end = content.indexOf('\n');
  const first = end === -1 ? content : content.slice(0, end);
  if (advice === defaultAdvice || !first.endsWith(generatedHeader)) return content;
  return `${first.slice(0, first.length - defaultAdvice.length)}${advice}${content.slice(first.length)}`;
}

describe('withHeaderNotes', () => {
  it.each([
    ['no header', 'a: 1\n', 'for Mimir', 'npx obsgen gen --out x'],
    ['header, note and advice', `# ${generatedHeader}\na: 1\n`, 'for Mimir', 'npx obsgen gen --out x'],
    ['header, no note', `# ${generatedHeader}\na: 1\n`, null, 'npx obsgen gen --out x'],
    ['header, default advice', `# ${generatedHeader}\na: 1\n`, 'for Mimir', defaultAdvice],
    ['header only', `# ${generatedHeader}`, 'for Mimir', 'npx obsgen gen --out x'],
    ['JSON', '{}\n', 'for Mimir', 'npx obsgen gen --out x'],
  ])('%s', (_, content, note, advice) => {
    expect(withHeaderNotes(content, note, advice)).toBe(
      withRegenerateAdvice(withTargetNote(content, note), advice),
    );
  });

  it('agrees with the two steps (property)', () => {
    const part = fc.constantFrom(
      `# ${generatedHeader}`,
      generatedHeader,
      '\n',
      'a: 1',
      '#',
      defaultAdvice,
      '',
    );
    const content = fc.array(part, { maxLength: 4 }).map((parts) => parts.join(''));
    const note = fc.option(fc.constantFrom('for Mimir', ''), { nil: null });
    const advice = fc.constantFrom(defaultAdvice, 'npx obsgen gen --out x', '');
    fc.assert(
      fc.property(content, note, advice, (text, n, a) => {
        expect(withRegenerateAdvice(text, a)).toBe(adviceBySlicing(text, a));
        expect(withHeaderNotes(text, n, a)).toBe(adviceBySlicing(withTargetNote(text, n), a));
      }),
      { numRuns: 3000 },
    );
  });
});
