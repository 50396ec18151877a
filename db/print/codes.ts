import bwipjs from 'bwip-js/node';
import { SafeHtml } from './layout';

/**
 * Codes on paper drawn by bwip-js (a maintained port of BWIPP, not a hand-written encoder) as
 * inline SVG: the print window runs no script and loads nothing, so a code must be in the
 * document itself (layout.ts). bwip-js draws only bars and modules (no `includetext`): its SVG
 * holds no text of ours, so it may be inserted as markup.
 */

/** QR code (error correction M: a scuffed sticker or a creased sheet still reads) of any text, Japanese included (UTF-8). */
export function qrSvg(text: string): SafeHtml {
  // eclevel is a BWIPP option bwip-js passes through (not in its types).
  const options = { bcid: 'qrcode', text, eclevel: 'M' };
  return new SafeHtml(bwipjs.toSVG(options));
}
