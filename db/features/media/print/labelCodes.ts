import bwipjs from 'bwip-js/node';
import { isBarcodeText } from '../../../contract/mediaLabelValues';
import { SafeHtml } from '../../../print/layout';

/**
 * The codes on a medium's label: the QR code is the kit's (db/print/codes.ts); Code128 is drawn
 * here by bwip-js the same way. A 管理番号 is checked ASCII-only before it becomes Code128.
 */

/**
 * Code128 of an ASCII 管理番号, the symbology a USB barcode reader types back as keystrokes
 * (the inventory's scan field); null for a number with other characters (the QR still carries it).
 */
export function code128Svg(text: string): SafeHtml | null {
  if (!isBarcodeText(text)) return null;
  // Stretched to the label's width as a whole: every bar and space scales alike, so it still reads.
  return new SafeHtml(bwipjs.toSVG({ bcid: 'code128', text, height: 8 }).replace('<svg ', '<svg preserveAspectRatio="none" '));
}
