// The characters YAML lets a scalar hold as they are: its printable set, less the byte order mark
// and any surrogate (a writer escapes those too). Shared by the writer, which quotes and escapes
// anything else, and by generators that know their strings' characters before emit sees them.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
export const unprintableInYaml = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\ud800-\udfff]/;

export function isYamlPrintable(text: string): boolean {
  return !unprintableInYaml.test(text);
}
