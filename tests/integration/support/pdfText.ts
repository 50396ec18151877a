import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Reads printed PDFs back with poppler-utils (pdftotext, pdfinfo, pdftoppm), so print tests
 * assert on what is on the paper rather than on the HTML that produced it.
 */

/** Runs `use` on the PDF written to a temp file (in a temp folder it may also write to). */
export function withPdfFile<T>(pdf: Buffer, use: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'daicho-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in reading layout (`pdftotext -layout`); pages end with \f. */
export function pdfToText(pdf: Buffer): string {
  return withPdfFile(pdf, (file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

export interface PdfPageInfo {
  pages: number;
  /** Size of the first page in PostScript points (A4 = 595 × 842, rounded). */
  widthPt: number;
  heightPt: number;
  /** What pdfinfo names the size, e.g. "A4". */
  sizeName: string | null;
  title: string | null;
}

export function pdfPageInfo(pdf: Buffer): PdfPageInfo {
  const out = withPdfFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(out)?.[1]?.trim() ?? null;
  const size = /^Page size:\s*([\d.]+) x ([\d.]+) pts(?: \((\w+)\))?/m.exec(out);
  if (!size) throw new Error(`pdfinfo printed no page size:\n${out}`);
  return {
    pages: Number(field('Pages')),
    widthPt: Math.round(Number(size[1])),
    heightPt: Math.round(Number(size[2])),
    sizeName: size[3] ?? null,
    title: field('Title'),
  };
}

/** Renders one page to a PNG file (for looking at layout and glyphs); returns its path. */
export function pdfPageToPng(pdf: Buffer, outFile: string, options: { page?: number; dpi?: number } = {}): string {
  const page = String(options.page ?? 1);
  const base = outFile.replace(/\.png$/, '');
  withPdfFile(pdf, (file) =>
    execFileSync('pdftoppm', ['-png', '-r', String(options.dpi ?? 60), '-f', page, '-l', page, '-singlefile', file, base]),
  );
  return `${base}.png`;
}
