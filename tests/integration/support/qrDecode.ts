import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { withPdfFile } from './pdfText';

/**
 * Reads a printed QR code back the way a phone or scanner would: the PDF's page drawn at
 * 300 dpi by pdftoppm, the area of one label cut out, and decoded by jsQR (a decoder library,
 * independent of bwip-js that drew it).
 */
const dpi = 300;
const pxPerMm = dpi / 25.4;

export interface AreaMm {
  top: number;
  left: number;
  width: number;
  height: number;
}

function pagePng(pdf: Buffer, page: number): PNG {
  return withPdfFile(pdf, (file) => {
    const base = path.join(path.dirname(file), `page-${page}`);
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, base]);
    return PNG.sync.read(readFileSync(`${base}.png`));
  });
}

function crop(png: PNG, area: AreaMm): { data: Uint8ClampedArray; width: number; height: number } {
  const x0 = Math.max(0, Math.floor(area.left * pxPerMm));
  const y0 = Math.max(0, Math.floor(area.top * pxPerMm));
  const width = Math.min(png.width - x0, Math.ceil(area.width * pxPerMm));
  const height = Math.min(png.height - y0, Math.ceil(area.height * pxPerMm));
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * png.width + x0) * 4;
    data.set(png.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { data, width, height };
}

/** The text of the QR code inside `area` (mm from the page's top-left) of `page`, or null if none decodes. */
export function decodeQrInPdf(pdf: Buffer, area: AreaMm, page = 1): string | null {
  const { data, width, height } = crop(pagePng(pdf, page), area);
  return jsQR(data, width, height)?.data ?? null;
}

/**
 * Whether `area` of `page` has no ink (a position left blank on a half-used sheet). Half a
 * millimetre in from each edge: a neighbouring label's cut line may sit on the shared edge.
 */
export function isBlankInPdf(pdf: Buffer, area: AreaMm, page = 1): boolean {
  const inset = { top: area.top + 0.5, left: area.left + 0.5, width: area.width - 1, height: area.height - 1 };
  const { data } = crop(pagePng(pdf, page), inset);
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) return false;
  return true;
}
