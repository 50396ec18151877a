import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pdfPageToPng, withPdfFile } from './pdfText';

/**
 * Looks at a printed page the way a person would, cheaply: poppler renders it to a grey
 * image (pdftoppm -gray, PGM) and reports where each word sits (pdftotext -bbox). A check
 * then asserts that the page is not blank, that the ink stays inside the margins, that
 * expected words are where they belong, and that their glyphs are real ink — not blank,
 * and not the identical "tofu" boxes a missing font prints — while pdftotext would still
 * find the text in a PDF full of tofu.
 */

const dpi = 50;
const mmPerPx = 25.4 / dpi;
/** Darker than this (of 255) counts as ink; antialiased small text stays above pure black. */
const inkLevel = 160;

export interface GrayImage {
  width: number;
  height: number;
  /** One byte per pixel, row by row, 0 = black, 255 = white. */
  pixels: Uint8Array;
}

/** Parses a binary PGM (P5, 8-bit), as pdftoppm -gray writes it. */
export function parsePgm(bytes: Buffer): GrayImage {
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[at]!))) at++;
    if (bytes[at] === 0x23) {
      while (bytes[at] !== 0x0a) at++; // a comment
      continue;
    }
    const start = at;
    while (!/\s/.test(String.fromCharCode(bytes[at]!))) at++;
    fields.push(bytes.subarray(start, at).toString('latin1'));
  }
  const [magic, width, height, maxval] = [fields[0], Number(fields[1]), Number(fields[2]), Number(fields[3])];
  if (magic !== 'P5' || maxval !== 255) throw new Error(`not an 8-bit binary PGM: ${fields.join(' ')}`);
  const pixels = bytes.subarray(at + 1, at + 1 + width * height);
  if (pixels.length !== width * height) throw new Error('PGM: truncated pixel data');
  return { width, height, pixels };
}

export interface WordBox {
  text: string;
  /** In PostScript points from the top-left corner of the page. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PageWords {
  widthPt: number;
  heightPt: number;
  words: WordBox[];
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(#\d+|\w+);/g, (m, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (entities[e] ?? m)));

/** The words of one page with their boxes (pdftotext -bbox, XHTML). */
export function parseBboxXhtml(xhtml: string): PageWords {
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(xhtml);
  if (!page) throw new Error('pdftotext -bbox printed no page');
  const words = [...xhtml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: decode(m[5]!),
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
  }));
  return { widthPt: Number(page[1]), heightPt: Number(page[2]), words };
}

const letters = (s: string) => s.replace(/\s+/g, '');

/** The box of `text` on the page: the fewest consecutive words whose letters (spaces aside) hold it. */
export function findText(words: readonly WordBox[], text: string): WordBox | null {
  const wanted = letters(text);
  const holds = (first: number, last: number) => letters(words.slice(first, last + 1).map((w) => w.text).join('')).includes(wanted);
  for (let last = 0; last < words.length; last++) {
    if (!holds(Math.max(0, last - wanted.length), last)) continue;
    let first = last;
    while (!holds(first, last)) first--;
    const span = words.slice(first, last + 1);
    return {
      text: span.map((w) => w.text).join(' '),
      xMin: Math.min(...span.map((w) => w.xMin)),
      yMin: Math.min(...span.map((w) => w.yMin)),
      xMax: Math.max(...span.map((w) => w.xMax)),
      yMax: Math.max(...span.map((w) => w.yMax)),
    };
  }
  return null;
}

interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function inkIn(image: GrayImage, box: PixelBox): number {
  let ink = 0;
  for (let y = Math.max(0, box.y0); y < Math.min(image.height, box.y1); y++) {
    for (let x = Math.max(0, box.x0); x < Math.min(image.width, box.x1); x++) if (image.pixels[y * image.width + x]! < inkLevel) ink++;
  }
  return ink;
}

/** The smallest box holding every inked pixel, or null for a blank page. */
function inkBox(image: GrayImage): PixelBox | null {
  let box: PixelBox | null = null;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.pixels[y * image.width + x]! >= inkLevel) continue;
      box = box ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x + 1), y1: Math.max(box.y1, y + 1) } : { x0: x, y0: y, x1: x + 1, y1: y + 1 };
    }
  }
  return box;
}

/**
 * How many different glyph shapes a word of full-width characters shows: its box cut into
 * one cell per character, each reduced to a 4 × 4 grid of ink. Tofu boxes all look alike.
 */
function distinctGlyphs(image: GrayImage, box: PixelBox, characters: number): number {
  const width = (box.x1 - box.x0) / characters;
  const shapes = Array.from({ length: characters }, (_, i) => {
    const grid: number[] = [];
    for (let gy = 0; gy < 4; gy++) {
      for (let gx = 0; gx < 4; gx++) {
        const x0 = Math.round(box.x0 + i * width + (gx * width) / 4);
        const x1 = Math.round(box.x0 + i * width + ((gx + 1) * width) / 4);
        const y0 = Math.round(box.y0 + (gy * (box.y1 - box.y0)) / 4);
        const y1 = Math.round(box.y0 + ((gy + 1) * (box.y1 - box.y0)) / 4);
        grid.push(inkIn(image, { x0, y0, x1, y1 }) / Math.max(1, (x1 - x0) * (y1 - y0)));
      }
    }
    return grid;
  });
  const alike = (a: number[], b: number[]) => a.reduce((sum, v, k) => sum + Math.abs(v - b[k]!), 0) < 0.8;
  const kinds: number[][] = [];
  for (const shape of shapes) if (!kinds.some((k) => alike(k, shape))) kinds.push(shape);
  return kinds.length;
}

export interface ExpectedText {
  text: string;
  /** Where the text must lie, as fractions of the page (0 = top or left edge, 1 = bottom or right). */
  within?: { top?: number; bottom?: number; left?: number; right?: number };
}

export interface PrintedPageExpectation {
  /** 1-based; default 1. */
  page?: number;
  /** How far ink must stay from each paper edge, in mm (usually the @page margin; a footer may sit lower). */
  marginsMm: { top: number; right: number; bottom: number; left: number };
  /** Least share of the page that is ink (default 0.01: 1 %). */
  minInk?: number;
  texts?: ExpectedText[];
  /** Also saves the page as test-results/screenshots/<name>.png, for a person to look at. */
  screenshot?: string;
}

export interface PrintedPageLook {
  inkShare: number;
  /** The inked area, in mm from the top-left corner of the paper. */
  inkMm: { top: number; right: number; bottom: number; left: number } | null;
  texts: { text: string; box: WordBox | null; inkShare: number; distinctGlyphs: number | null }[];
}

/** Renders one page to grey pixels at 50 dpi and reads its word boxes. */
export function lookAtPage(pdf: Buffer, page = 1): { image: GrayImage; words: PageWords } {
  return withPdfFile(pdf, (file) => {
    const range = ['-f', String(page), '-l', String(page)];
    const base = file.replace(/\.pdf$/, '-page');
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', ...range, '-singlefile', file, base]);
    const xhtml = execFileSync('pdftotext', ['-bbox', ...range, file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { image: parsePgm(readFileSync(`${base}.pgm`)), words: parseBboxXhtml(xhtml) };
  });
}

/**
 * Checks that a printed page looks printed: enough ink, none too near the paper's edges,
 * and each expected text present, inside its region, in real, distinct glyphs. Throws one
 * error listing every problem; returns the measurements for further assertions.
 */
export function expectPrintedPage(pdf: Buffer, expected: PrintedPageExpectation): PrintedPageLook {
  const { image, words } = lookAtPage(pdf, expected.page ?? 1);
  if (expected.screenshot) {
    const dir = path.resolve('test-results/screenshots');
    mkdirSync(dir, { recursive: true });
    pdfPageToPng(pdf, path.join(dir, expected.screenshot), { page: expected.page ?? 1 });
  }
  const problems: string[] = [];
  const total = image.width * image.height;
  const inkShare = inkIn(image, { x0: 0, y0: 0, x1: image.width, y1: image.height }) / total;
  if (inkShare < (expected.minInk ?? 0.01)) problems.push(`the page is (nearly) blank: ${(inkShare * 100).toFixed(2)} % ink`);
  const box = inkBox(image);
  const inkMm = box && { top: box.y0 * mmPerPx, left: box.x0 * mmPerPx, bottom: (image.height - box.y1) * mmPerPx, right: (image.width - box.x1) * mmPerPx };
  if (inkMm) {
    for (const side of ['top', 'right', 'bottom', 'left'] as const) {
      // One pixel of tolerance: 0.5 mm at 50 dpi.
      if (inkMm[side] < expected.marginsMm[side] - mmPerPx) problems.push(`ink ${inkMm[side].toFixed(1)} mm from the ${side} edge (margin ${expected.marginsMm[side]} mm)`);
    }
  }
  const scale = image.width / words.widthPt;
  const texts = (expected.texts ?? []).map(({ text, within = {} }) => {
    const found = findText(words.words, text);
    if (!found) {
      problems.push(`"${text}" is not on the page`);
      return { text, box: null, inkShare: 0, distinctGlyphs: null };
    }
    const region = { top: 0, left: 0, bottom: 1, right: 1, ...within };
    const [top, bottom, left, right] = [found.yMin / words.heightPt, found.yMax / words.heightPt, found.xMin / words.widthPt, found.xMax / words.widthPt];
    if (top < region.top - 0.005 || bottom > region.bottom + 0.005 || left < region.left - 0.005 || right > region.right + 0.005) {
      problems.push(`"${text}" lies at ${[top, bottom, left, right].map((f) => f.toFixed(3)).join('–')} (top–bottom–left–right), outside ${JSON.stringify(within)}`);
    }
    const px = { x0: Math.floor(found.xMin * scale), y0: Math.floor(found.yMin * scale), x1: Math.ceil(found.xMax * scale), y1: Math.ceil(found.yMax * scale) };
    const share = inkIn(image, px) / Math.max(1, (px.x1 - px.x0) * (px.y1 - px.y0));
    // A word's box is its line's height: real glyphs ink several per cent of it, blank none.
    if (share < 0.04) problems.push(`"${text}" printed almost no ink (${(share * 100).toFixed(1)} % of its box): glyphs missing?`);
    // Only a word that is exactly the text, in full-width characters, can be cut into cells.
    const wide = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{2,}$/u.test(letters(text)) && letters(found.text) === letters(text);
    const glyphs = wide ? distinctGlyphs(image, px, [...letters(text)].length) : null;
    if (glyphs !== null && glyphs < 2) problems.push(`"${text}" printed the same shape for every character: tofu (a missing font)?`);
    return { text, box: found, inkShare: share, distinctGlyphs: glyphs };
  });
  if (problems.length > 0) throw new Error(`page ${expected.page ?? 1} does not look right:\n- ${problems.join('\n- ')}`);
  return { inkShare, inkMm, texts };
}
