import bwipjs from 'bwip-js/node';
import { isBarcodeText } from '../../../contract/mediaLabelValues';
import { SafeHtml } from '../../../print/layout';

/**
 * The codes on a medium's label, drawn by bwip-js (a maintained port of BWIPP, not a
 * hand-written encoder) as inline SVG: the print window runs no script and loads nothing,
 * so the code must be in the document itself (db/print/layout.ts).
 *
 * bwip-js draws only bars and modules (no `includetext`): its SVG holds no text of ours, so it
 * may be inserted as markup. A 管理番号 is checked ASCII-only before it becomes Code128.
 */

/** QR code (error correction M: a scuffed sticker still reads) of any 管理番号, Japanese included (UTF-8). */
export function qrSvg(text: string): SafeHtml {
  // eclevel is a BWIPP option bwip-js passes through (not in its types).
  const options = { bcid: 'qrcode', text, eclevel: 'M' };
  return new SafeHtml(bwipjs.toSVG(options));
}

/**
 * Code128 of an ASCII 管理番号, the symbology a USB barcode reader types back as keystrokes
 * (the inventory's scan field); null for a number with other characters (the QR still carries it).
 */
export function code128Svg(text: string): SafeHtml | null {
  if (!isBarcodeText(text)) return null;
  // Stretched to the label's width as a whole: every bar and space scales alike, so it still reads.
  return new SafeHtml(bwipjs.toSVG({ bcid: 'code128', text, height: 8 }).replace('<svg ', '<svg preserveAspectRatio="none" '));
}
