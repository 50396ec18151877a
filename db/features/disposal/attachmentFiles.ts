import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type Sharp from 'sharp';
import { containsBidiControl } from '../../contract/bidi';
import { controlChars } from '../../contract/fields';
import { containsMyNumber } from '../../contract/myNumber';
import { attachmentLimits, type AttachmentKind, type AttachmentMime } from '../../contract/disposalValues';
import { fieldError, type AppError } from '../../core/appError';

/**
 * A picked file made into what disposal_attachments stores (issue #11 item 2, MIC §13): its real
 * type read from the bytes, its location removed, its thumbnail and print image made. Pure
 * functions on Buffers — no database, no dialog — so each rule is tested on its own
 * (tests/unit/disposal-attachment-files.test.ts).
 */

/** A decompression bomb (a tiny file that decodes to gigabytes) is refused before it is decoded. */
const maxPixels = 100_000_000;
const thumbnailSide = 320;
// The printed certificate holds up to a few photos: 1600 px on A4 is ~270 dpi, enough, and light.
const printSide = 1600;

/** An error about the picked file as a whole, shown above the list of attachments. */
export function fileError(messageKey: string, params?: Record<string, string | number>): AppError {
  return fieldError(['file'], messageKey, params);
}

const megabytes = (bytes: number) => Math.ceil((bytes / (1024 * 1024)) * 10) / 10;

/** Checked on fs.stat, before a byte is read: a 4 GB file is never loaded to be refused. */
export function checkSize(size: number): void {
  if (size === 0) throw fileError('disposalAttachments.errors.emptyFile');
  if (size > attachmentLimits.maxBytes) throw fileError('disposalAttachments.errors.tooLarge', { maximum: attachmentLimits.maxBytes / (1024 * 1024), size: megabytes(size) });
}

/**
 * The stored name: the basename only (the renderer never sees a path, MIC §13 evidence names no
 * folder), under the guards of the contract's text fields — it is shown, printed and logged.
 */
export function attachmentFileName(file: string): string {
  // NFC: a name from macOS (NFD: か + ゛) is stored, searched and logged as the same name typed elsewhere.
  const name = path.basename(file).normalize('NFC');
  if (containsMyNumber(name)) throw fileError('validation.myNumberInFileName');
  if (controlChars.test(name) || !name.isWellFormed()) throw fileError('validation.controlChars');
  if (containsBidiControl(name)) throw fileError('validation.bidiControl');
  if (name.length > 200) throw fileError('disposalAttachments.errors.fileNameTooLong', { maximum: 200 });
  return name;
}

const byExtension: Readonly<Record<string, AttachmentMime>> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };
const typeWords: Readonly<Record<AttachmentMime, string>> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/pdf': 'PDF' };

/**
 * The type from the content (file-type reads the signature), never from the name: a 「写真.jpg」
 * that is a PDF, a ZIP or a program is refused naming what it is. The name's extension must say
 * the same type, so the file saved back opens as what it is.
 */
export async function contentType(bytes: Buffer, fileName: string, kind: AttachmentKind): Promise<AttachmentMime> {
  const found = await fileTypeFromBuffer(bytes);
  const mime = found && found.mime in typeWords ? (found.mime as AttachmentMime) : null;
  if (!mime) {
    if (found) throw fileError('disposalAttachments.errors.unsupportedContent', { content: found.ext.toUpperCase() });
    throw fileError('disposalAttachments.errors.unknownContent');
  }
  const ext = path.extname(fileName).slice(1).toLowerCase();
  if (byExtension[ext] !== mime) throw fileError('disposalAttachments.errors.nameMismatch', { extension: ext ? `.${ext}` : '', content: typeWords[mime] });
  // MIC §13 写真等: a photo is an image; a scanned certificate may be a PDF.
  if (kind === 'photo' && mime === 'application/pdf') throw fileError('disposalAttachments.errors.photoNotImage');
  return mime;
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

// ── Location removed ────────────────────────────────────────────────────────────────────────

/**
 * A JPEG without anything but its picture: every APPn segment but JFIF (APP0), the colour profile
 * (APP2 ICC_PROFILE) and Adobe's colour transform (APP14, which a CMYK JPEG needs) is dropped —
 * Exif and XMP (APP1, a second one too), IPTC (APP13), MPF (APP2, which points at the phone's second
 * JPEG with its own Exif), makers' APPn — and so are comments (COM), wherever they stand: before
 * the first scan or between the scans of a progressive JPEG. The file ends at its EOI: a second
 * image or a ZIP appended after it is not stored (MIC §13 evidence, no location). The tables, frame
 * and entropy-coded data are copied byte for byte, so the picture is exactly the one taken. An
 * Orientation other than 1 is kept as a minimal Exif of that one tag (`orientationExif`), so the
 * saved file still shows upright. A broken segment structure is a damaged file.
 */
export function stripJpegMetadata(bytes: Buffer, orientation = 1): Buffer {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw fileError('disposalAttachments.errors.damagedImage');
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  if (orientation !== 1) parts.push(orientationExif(orientation));
  let at = 2;
  for (;;) {
    if (at + 2 > bytes.length || bytes[at] !== 0xff) throw fileError('disposalAttachments.errors.damagedImage');
    const marker = bytes[at + 1]!;
    // 0xFF fill bytes may pad between segments (ITU T.81 B.1.1.2).
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // EOI: the image ends here, whatever follows it.
    if (marker === 0xd9) return Buffer.concat([...parts, bytes.subarray(at, at + 2)]);
    if (at + 4 > bytes.length) throw fileError('disposalAttachments.errors.damagedImage');
    const length = bytes.readUInt16BE(at + 2); // counts its own two bytes, not the marker
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw fileError('disposalAttachments.errors.damagedImage');
    if (marker === 0xda) {
      // SOS: its header, then the scan's entropy-coded data up to the next marker.
      const next = scanEnd(bytes, end);
      parts.push(bytes.subarray(at, next));
      at = next;
      continue;
    }
    if (keptSegment(marker, bytes.subarray(at + 4, end))) parts.push(bytes.subarray(at, end));
    at = end;
  }
}

/** Where a scan's entropy-coded data ends: the first 0xFF that is not a stuffed 0x00, a restart marker (RSTn) or a fill byte. */
function scanEnd(bytes: Buffer, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (next !== 0x00 && next !== 0xff && (next < 0xd0 || next > 0xd7)) return i;
  }
  throw fileError('disposalAttachments.errors.damagedImage');
}

const iccProfile = Buffer.from('ICC_PROFILE\u0000', 'latin1');

/** A segment the picture needs: anything but APPn and COM, and of those only JFIF, the ICC profile and Adobe's. */
function keptSegment(marker: number, body: Buffer): boolean {
  if (marker === 0xfe) return false; // COM: free text
  if (marker < 0xe0 || marker > 0xef) return true;
  if (marker === 0xe2) return body.subarray(0, iccProfile.length).equals(iccProfile);
  return marker === 0xe0 || marker === 0xee;
}

/** APP1 "Exif" holding one IFD0 entry, Orientation (0x0112, SHORT): 32 bytes, no location. */
function orientationExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM\u0000*', 0, 'latin1'); // big-endian TIFF header
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18); // value, left-justified in the 4-byte field
  tiff.writeUInt32BE(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from('Exif\u0000\u0000', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// The ancillary chunks a picture's look needs (transparency, colour, background, pixel size); every
// other ancillary chunk is dropped: eXIf (Exif, GPS), the text chunks (XMP in iTXt "XML:com.adobe.xmp",
// or anything typed in), tIME, and any private chunk (a camera's or an app's, which may hold anything).
const pngKept = new Set(['tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'cICP', 'mDCv', 'cLLi', 'bKGD', 'pHYs', 'hIST', 'sPLT']);
// A critical chunk (its type's first letter upper case, PNG §5.4) is kept: without it the image is not the same.
const isCritical = (type: string) => type.charCodeAt(0) < 0x61;

/** A PNG of its critical chunks and the ancillary ones that change how it looks; nothing after IEND. */
export function stripPngMetadata(bytes: Buffer): Buffer {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(pngSignature)) throw fileError('disposalAttachments.errors.damagedImage');
  const parts: Buffer[] = [pngSignature];
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw fileError('disposalAttachments.errors.damagedImage');
    const end = at + 12 + bytes.readUInt32BE(at); // length, type, data, CRC
    if (end > bytes.length) throw fileError('disposalAttachments.errors.damagedImage');
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (isCritical(type) || pngKept.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(parts);
}

// ── Images ──────────────────────────────────────────────────────────────────────────────────

export interface PreparedFile {
  mime: AttachmentMime;
  /** What is stored: the file without its location (a PDF as it was). */
  content: Buffer;
  sha256: string;
  width: number | null;
  height: number | null;
  thumbnail: Buffer | null;
  printImage: Buffer | null;
}

/** sharp's refusal of a damaged or oversized image in the user's words, never INTERNAL. */
function imageError(e: unknown): AppError {
  const message = e instanceof Error ? e.message : '';
  if (/pixel limit/i.test(message)) return fileError('disposalAttachments.errors.tooManyPixels', { maximum: maxPixels / 1_000_000 });
  return fileError('disposalAttachments.errors.damagedImage');
}

let sharpModule: typeof Sharp | null = null;
/**
 * sharp (libvips) is loaded by the first image, not at start-up: most sessions attach none.
 * `require`, as the bundles load their native modules (asar-unpacked, or NODE_PATH in tests).
 */
export async function loadSharp(): Promise<typeof Sharp> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (sharpModule ??= typeof require === 'function' ? (require('sharp') as typeof Sharp) : (await import('sharp')).default);
}

const open = async (bytes: Buffer) => (await loadSharp())(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' });

/**
 * Everything stored for a picked file, made outside the transaction (sharp works on its own
 * threads). Thumbnails and the print image come from the original, turned upright by its EXIF
 * orientation (`rotate()`), before the location is stripped; width and height are the upright
 * original's. A PDF's bytes are stored as they are (no metadata walk: a PDF's XMP is not a
 * photo's GPS, and rewriting a contractor's certificate would no longer be their document);
 * it has no thumbnail or print image.
 */
export async function prepareFile(bytes: Buffer, mime: AttachmentMime): Promise<PreparedFile> {
  if (mime === 'application/pdf') return { mime, content: bytes, sha256: sha256Of(bytes), width: null, height: null, thumbnail: null, printImage: null };
  try {
    const meta = await (await open(bytes)).metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    if (meta.width * meta.height > maxPixels) throw new Error('pixel limit');
    const upright = meta.autoOrient;
    // The print image first (decoded once, shrunk on load); the thumbnail from it, already upright.
    // sharp works on libuv's threads: the stripping and hashing run meanwhile on this one.
    const sharp = await loadSharp();
    const images = (await open(bytes))
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize(printSide, printSide, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 85 })
      .toBuffer()
      .then(async (printImage) => ({ printImage, thumbnail: await sharp(printImage).resize(thumbnailSide, thumbnailSide, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer() }));
    // A rejection is awaited below; until then it must not count as unhandled.
    images.catch(() => undefined);
    const content = mime === 'image/jpeg' ? stripJpegMetadata(bytes, meta.orientation ?? 1) : stripPngMetadata(bytes);
    const sha256 = sha256Of(content);
    const { printImage, thumbnail } = await images;
    return { mime, content, sha256, width: upright.width, height: upright.height, thumbnail, printImage };
  } catch (e) {
    if (e instanceof Error && e.name === 'AppError') throw e;
    throw imageError(e);
  }
}
