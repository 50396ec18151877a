/**
 * Shared stylesheet of every printed document (A4, black on white, Japanese forms),
 * inlined into each document: the printer window has no network and no file access, so a
 * printed page can only use what it carries. (A TypeScript string rather than a `.css?raw`
 * import, because vitest blanks imported .css files unless its css option is set.)
 */
export const printFontFamily = '"Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", "Meiryo", sans-serif';

export const baseCss = `
@page {
  size: A4;
  margin: 15mm;
}

* {
  box-sizing: border-box;
}

html {
  font-family: ${printFontFamily};
  font-size: 10.5pt;
  line-height: 1.5;
  color: #000;
  background: #fff;
  /* Table headers keep their grey fill on paper as well as in the PDF. */
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}

body {
  margin: 0;
}

/* ── Document head ─────────────────────────────────────────────────────────────────── */
.doc-head {
  position: relative;
  margin-bottom: 4mm;
}

.doc-marking {
  position: absolute;
  top: 0;
  right: 0;
  border: 2px solid #000;
  padding: 0.5mm 3mm;
  font-weight: bold;
  letter-spacing: 0.2em;
}

.doc-title {
  margin: 5mm 0 1mm;
  padding-bottom: 1.5mm;
  border-bottom: 3px double #000;
  font-size: 20pt;
  font-weight: bold;
  letter-spacing: 0.12em;
  text-align: center;
}

.doc-subtitle {
  margin: 0;
  font-size: 10pt;
  text-align: center;
}

/* ── Sections and tables ───────────────────────────────────────────────────────────── */
.section-title {
  margin: 4mm 0 1.5mm;
  padding-left: 2mm;
  border-left: 4px solid #000;
  font-size: 11.5pt;
  font-weight: bold;
  break-after: avoid;
}

table.form {
  width: 100%;
  border-collapse: collapse;
  table-layout: fixed;
}

table.form th,
table.form td {
  border: 1px solid #000;
  padding: 1.2mm 2.5mm;
  text-align: left;
  vertical-align: middle;
  overflow-wrap: anywhere;
}

table.form th {
  background: #e8e8e8;
  font-weight: bold;
}

table.form thead th {
  text-align: center;
}

table.form tr {
  break-inside: avoid;
}

.keep-together {
  break-inside: avoid;
}

/* Signature boxes (parts.ts): 印・署名 / 氏名 / 日付 per role. */
.row-head { width: 24mm; text-align: center; }
table.form.signature td { text-align: center; }
table.form .seal-row td { height: 18mm; }
table.form td.date-blank { text-align: right; color: #333; }

.notes {
  margin: 0;
  padding-left: 6mm;
}

.notes li {
  margin: 0.5mm 0;
}

.notes .important {
  font-weight: bold;
}

.mono {
  font-family: "Noto Sans Mono", "DejaVu Sans Mono", "Consolas", "Courier New", monospace;
}
`;
