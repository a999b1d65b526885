// A problem about a top-level key the catalog does not have (gen's `alertmanager` warning, say)
// points at the root map. Finding that needs no parse when a line scan can prove the key absent:
// a large catalog would otherwise pay a whole positional parse for one warning.

/** Keys the scan can compare as text: a core-schema key written otherwise (`True`, `~`) resolves apart from its text. */
const comparableKey = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const resolvedKeys = /^(?:true|false|null)$/i;

/** What a plain top-level key starts with; anything else (quotes, `?`, `&`, `*`, `!`, `<<`, `-`, `{`) is left to the parse. */
function plainKeyStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** Whether the rest of a line, from `from`, holds only blanks or a comment. */
function blankToEnd(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x23) return i > from && text.charCodeAt(i - 1) === 0x20;
    if (c !== 0x20) return false;
  }
  return true;
}

/**
 * The offset of the root map's first key when the document is one block map at column 0 whose
 * top-level keys are all plain and none starts with `key`; null when the scan cannot tell (then
 * the parse answers). Each line at column 0 is a key, a comment or the `---` marker: a value's
 * continuation lines are indented past the key.
 */
export function rootStartWithoutKey(text: string, key: string): number | null {
  if (!comparableKey.test(key) || resolvedKeys.test(key)) return null;
  if (text.charCodeAt(0) === 0xfeff || text.includes('\t') || text.includes('\r')) return null;
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const newline = text.indexOf('\n', i);
    const end = newline < 0 ? text.length : newline;
    const c = text.charCodeAt(i);
    if (i < end && c !== 0x20 && c !== 0x23) {
      if (text.startsWith('---', i)) {
        // One document only, its marker before any content.
        if (start >= 0 || !blankToEnd(text, i + 3, end)) return null;
      } else {
        if (!plainKeyStart(c) || text.startsWith(key, i)) return null;
        if (start < 0) start = i;
      }
    }
    i = end + 1;
  }
  return start >= 0 ? start : null;
}
