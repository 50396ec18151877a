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
