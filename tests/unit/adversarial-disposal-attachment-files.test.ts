import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { attachmentFileName, checkSize, prepareFile } from '../../db/features/disposal/attachmentFiles';
import { gpsExif, pngChunk, solidImage } from '../integration/support/images';

/**
 * Location left behind in what disposal_attachments stores (issue #11 item 2; MIC §13): the
 * places a photo's Exif, XMP or a maker's note hide beyond the first APP1 — each stripped,
 * the picture itself unchanged.
 */
const gps = gpsExif;
const photo = (width = 64, height = 48) => solidImage(width, height);

function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

const leaks = (b: Buffer) => ['GPS', 'TestCam', '35.68', 'PK\u0003\u0004'].filter((s) => b.includes(s));
const pixels = (b: Buffer) => sharp(b).raw().toBuffer();

describe('a JPEG stored without any location', () => {
  it("drops a phone's second image (MPF, with its own Exif) and anything appended after EOI (a ZIP)", async () => {
    const primary = await photo().jpeg().toBuffer();
    const secondary = await photo(16, 12).jpeg().withExif(gps).toBuffer();
    const { content } = await prepareFile(Buffer.concat([primary, secondary, Buffer.from('PK\u0003\u0004GPS 35.68', 'latin1')]), 'image/jpeg');
    expect(leaks(content)).toEqual([]);
    expect(content.equals(primary)).toBe(true);
  });

  it("drops comments (COM) and makers' APPn segments, keeping the ICC profile", async () => {
    const original = await photo().jpeg().withIccProfile('p3').toBuffer();
    const withNotes = Buffer.concat([original.subarray(0, 2), segment(0xfe, Buffer.from('GPS 35.68')), segment(0xe4, Buffer.from('TestCam GPS')), segment(0xe2, Buffer.from('MPF\u0000GPS', 'latin1')), original.subarray(2)]);
    const { content } = await prepareFile(withNotes, 'image/jpeg');
    expect(leaks(content)).toEqual([]);
    expect((await sharp(content).metadata()).icc).toBeDefined();
    expect((await pixels(content)).equals(await pixels(original))).toBe(true);
  });

  it('drops an Exif APP1 standing between the scans of a progressive JPEG, the picture unchanged', async () => {
    const original = await photo().jpeg({ progressive: true }).withExif(gps).toBuffer();
    const exif = original.subarray(2, 4 + original.readUInt16BE(4));
    const late = Buffer.concat([original.subarray(0, original.length - 2), exif, original.subarray(original.length - 2)]);
    const { content } = await prepareFile(late, 'image/jpeg');
    expect(leaks(content)).toEqual([]);
    expect((await pixels(content)).equals(await pixels(original))).toBe(true);
  });

  it("keeps a CMYK JPEG's Adobe segment: the colours stay", async () => {
    const original = await photo().toColourspace('cmyk').jpeg().withExif(gps).toBuffer();
    const { content } = await prepareFile(original, 'image/jpeg');
    expect(leaks(content)).toEqual([]);
    expect((await sharp(content).metadata()).space).toBe('cmyk');
    expect((await pixels(content)).equals(await pixels(original))).toBe(true);
  });
});

describe('a PNG stored without any location', () => {
  it('drops private and tIME chunks and anything after IEND, the picture unchanged', async () => {
    const png = await photo().png().toBuffer();
    const marked = Buffer.concat([png.subarray(0, 33), pngChunk('tIME', Buffer.from([7, 234, 11, 20, 10, 0, 0])), pngChunk('gpSs', Buffer.from('GPS 35.68')), png.subarray(33), Buffer.from('PK\u0003\u0004')]);
    const { content } = await prepareFile(marked, 'image/png');
    expect(leaks(content)).toEqual([]);
    expect(content.includes('tIME')).toBe(false);
    expect((await pixels(content)).equals(await pixels(png))).toBe(true);
  });
});

describe('file names', () => {
  it('stores a decomposed (NFD, macOS) name as the composed one', () => {
    expect(attachmentFileName('/Users/tanaka/写真が.jpg'.normalize('NFD'))).toBe('写真が.jpg');
  });
});

describe('the size limit', () => {
  it('takes exactly 20 MB and refuses one byte more', () => {
    expect(() => checkSize(20 * 1024 * 1024)).not.toThrow();
    expect(() => checkSize(20 * 1024 * 1024 + 1)).toThrow();
  });
});
