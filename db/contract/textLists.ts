/**
 * A list written as one text — 「氏名、住所、生年月日」, commas, semicolons or one item per
 * line — read the same way wherever it arrives: a CSV cell, or text pasted into a list field
 * on screen. Zod-free, so the renderer imports it (one rule, not a copy).
 */
export function splitListText(text: string): string[] {
  return text
    .split(/[、,，;；\r\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Whether two display names are one name typed twice: NFKC (full- and half-width forms
 * alike) with every space left out (「佐藤 一郎」 = 「佐藤　一郎」 = 「佐藤一郎」). Namesakes
 * exist, so this only warns and flags (account review, new account); it never refuses.
 */
export function sameNameKey(displayName: string): string {
  return displayName.normalize('NFKC').replace(/[\s\u200b-\u200d\u2060\ufeff]/gu, '');
}
