import { labelGrid, labelSlots, type LabelSheetKind } from '../../../contract/mediaLabelValues';
import { japaneseText } from '../../../print/labels';
import { html, renderDocument, type SafeHtml } from '../../../print/layout';
import { qrSvg } from '../../../print/codes';
import { code128Svg } from './labelCodes';

/**
 * A4 label sheets of media (issue #10 item 2): the sticker a medium carries — its 管理番号 large,
 * its 課等 and 種別, a QR code, and a Code128 bar when the number is ASCII — and the 背表紙ラベル
 * of 簿冊 (paper files; seed 004 case 6-2 found files without spine numbers).
 *
 * Sheet geometry (mm, A4 210 × 297; each row of the table adds up to the page):
 * - 12面: 86.4 × 42.3 labels, 2 × 6, top/bottom margin 21.5, left/right 18.6, no gaps — the common
 *   Japanese 12面 sheet (エーワン and compatible stock): 18.6 + 2 × 86.4 + 18.6 = 210; 21.5 + 6 × 42.3 + 21.5 ≈ 297.
 * - 24面: 63.5 × 33.9 labels, 3 × 8, top/bottom margin 12.9, left/right 7.2, 2.5 between columns —
 *   the 24-up layout of Avery L7159 and compatible stock: 7.2 + 3 × 63.5 + 2 × 2.5 + 7.2 ≈ 210; 12.9 + 8 × 33.9 + 12.9 = 297.
 * - 背表紙: 6 strips of 30 × 270 on a full-sheet (ノーカット) label, left/right 15, top/bottom 13.5,
 *   each outlined by a thin dashed cut line: 簿冊 spines differ in width, so no die-cut stock fits all.
 * Positions count left to right, then top to bottom, from 1 (what the dialog's grid shows).
 */
interface SheetGeometry {
  width: number;
  height: number;
  top: number;
  left: number;
  gapX: number;
}

const geometry: Record<LabelSheetKind, SheetGeometry> = {
  '12': { width: 86.4, height: 42.3, top: 21.5, left: 18.6, gapX: 0 },
  '24': { width: 63.5, height: 33.9, top: 12.9, left: 7.2, gapX: 2.5 },
  spine: { width: 30, height: 270, top: 13.5, left: 15, gapX: 0 },
};

/** Where position `n` (1-based) of a sheet lies, in mm from the page's top-left corner (tests crop it to decode the QR). */
export function labelCell(kind: LabelSheetKind, n: number): { top: number; left: number; width: number; height: number } {
  const g = geometry[kind];
  const { columns } = labelGrid[kind];
  const column = (n - 1) % columns;
  const row = Math.floor((n - 1) / columns);
  return { top: g.top + row * g.height, left: g.left + column * (g.width + g.gapX), width: g.width, height: g.height };
}

/** What one label says; the words are the register's (type in mediaTypes, 課等 by name). */
export interface LabelItem {
  mediaNo: string;
  departmentName: string;
  typeLabel: string;
  /** 名称・型番 (the spine label's title). */
  name: string;
}

const labelCss = `
@page { margin: 0; }
.sheet { position: relative; width: 210mm; height: 297mm; overflow: hidden; break-after: page; }
.sheet:last-child { break-after: auto; }
.cell { position: absolute; overflow: hidden; display: flex; }
.qr { flex: none; padding: 1.5mm; }
.qr svg, .bar svg { display: block; width: 100%; height: 100%; }
.label { align-items: center; gap: 1.5mm; padding: 1.5mm 2.5mm; }
.label .text { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 0.8mm; }
.label .no { font-weight: bold; line-height: 1.1; word-break: break-all; letter-spacing: 0.02em; }
.label .meta { line-height: 1.2; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.label .bar { width: 100%; }
.sheet-12 .qr { width: 31mm; height: 31mm; }
.sheet-12 .no { font-size: 17pt; }
.sheet-12 .no.long { font-size: 11pt; }
.sheet-12 .meta { font-size: 8.5pt; }
.sheet-12 .bar { height: 9mm; }
.sheet-24 .qr { width: 24mm; height: 24mm; }
.sheet-24 .no { font-size: 12pt; }
.sheet-24 .no.long { font-size: 8pt; }
.sheet-24 .meta { font-size: 6.5pt; }
.sheet-24 .bar { height: 6.5mm; }
.spine { flex-direction: column; align-items: center; gap: 2mm; padding: 4mm 1mm; border: 0.2mm dashed #999; }
.spine .dept { writing-mode: vertical-rl; font-size: 10pt; max-height: 45mm; overflow: hidden; }
.spine .name { writing-mode: vertical-rl; flex: 1; min-height: 0; font-size: 16pt; font-weight: bold; letter-spacing: 0.1em; overflow: hidden; }
.spine .no { font-size: 10pt; letter-spacing: -0.02em; font-weight: bold; text-align: center; word-break: break-all; line-height: 1.15; width: 100%; }
.spine .qr { width: 24mm; height: 24mm; }
`;

function place(kind: LabelSheetKind, n: number): string {
  const c = labelCell(kind, n);
  return `top:${c.top}mm;left:${c.left}mm;width:${c.width}mm;height:${c.height}mm`;
}

function stickerLabel(kind: LabelSheetKind, n: number, item: LabelItem): SafeHtml {
  const bar = code128Svg(item.mediaNo);
  // A long hand-typed number steps down a size rather than running off the label.
  const long = item.mediaNo.length > (kind === '12' ? 12 : 11);
  return html`<div class="cell label" data-position="${n}" style="${place(kind, n)}">
  <div class="qr">${qrSvg(item.mediaNo)}</div>
  <div class="text">
    <div class="no${long ? ' long' : ''}">${item.mediaNo}</div>
    <div class="meta">${item.departmentName}</div>
    <div class="meta">${item.typeLabel}</div>
    ${bar ? html`<div class="bar">${bar}</div>` : null}
  </div>
</div>`;
}

function spineLabel(n: number, item: LabelItem): SafeHtml {
  return html`<div class="cell spine" data-position="${n}" style="${place('spine', n)}">
  <div class="dept">${item.departmentName}</div>
  <div class="name">${item.name || item.typeLabel}</div>
  <div class="no">${item.mediaNo}</div>
  <div class="qr">${qrSvg(item.mediaNo)}</div>
</div>`;
}

/** The sheets: `startPosition - 1` blank positions first (a half-used sheet), then one label per item, page after page. */
function sheets(kind: LabelSheetKind, startPosition: number, items: readonly LabelItem[], draw: (n: number, item: LabelItem) => SafeHtml): SafeHtml[] {
  const slots = labelSlots[kind];
  const pages: SafeHtml[][] = [];
  items.forEach((item, i) => {
    const index = startPosition - 1 + i;
    const page = Math.floor(index / slots);
    (pages[page] ??= []).push(draw((index % slots) + 1, item));
  });
  return pages.map((cells) => html`<section class="sheet sheet-${kind}">${cells}</section>`);
}

export interface LabelSheetInput {
  layout: '12' | '24';
  startPosition: number;
  items: readonly LabelItem[];
}

/** Stickers for media on an A4 12面 or 24面 sheet; no header or footer (the sheet is all labels). */
export function renderLabelSheet(input: LabelSheetInput): string {
  const body = html`${sheets(input.layout, input.startPosition, input.items, (n, item) => stickerLabel(input.layout, n, item))}`;
  return renderDocument({ title: japaneseText('mediaLabels.fileName', { layout: input.layout }), body, styles: labelCss });
}

/** 背表紙ラベル for 簿冊: tall strips, 課等 and the file's name in vertical Japanese, 管理番号 and QR below. */
export function renderSpineLabels(input: { startPosition: number; items: readonly LabelItem[] }): string {
  const body = html`${sheets('spine', input.startPosition, input.items, spineLabel)}`;
  return renderDocument({ title: japaneseText('mediaLabels.spineFileName', {}), body, styles: labelCss });
}
