/**
 * Unicode bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and the marks (U+200E LRM, U+200F RLM, U+061C ALM). None has a use in a
 * Japanese office's records, and each can make text display as something it is not:
 * 「請求書」 + U+202E + 「fdp.exe」 shows as 「請求書exe.pdf」, and a mark moves the digits and
 * dashes of a 管理番号 around. They are refused wherever a person's text enters (fields.ts,
 * file names, CSV cells), so what a reader sees on screen, on paper and in the access log is
 * what is stored. Zod-free, so every layer uses the one list.
 */
export const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export function containsBidiControl(text: string): boolean {
  return bidiControls.test(text);
}
