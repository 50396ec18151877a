/**
 * CSV as Excel on a Japanese Windows desktop opens it: UTF-8 with a BOM, CRLF line ends.
 * Cells that a spreadsheet would run as a formula are prefixed with an apostrophe
 * (CSV injection), so an exported record can never execute on an auditor's machine.
 */
// Apostrophes already in front count too, so that import, which removes the one added here,
// gives back a text that itself began with 「'=」. Japanese Excel takes the full-width ＝ ＋ －
// ＠ typed by an IME as the formula's own signs (OWASP CSV Injection lists them): defused alike.
export const formulaStart = /^'*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
