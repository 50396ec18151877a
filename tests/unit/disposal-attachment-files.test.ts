import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  attachmentFileName,
  checkSize,
  contentType,
  prepareFile,
  stripJpegMetadata,
  stripPngMetadata,
} from '../../db/features/disposal/attachmentFiles';
import { gpsExif, minimalPdf, pngChunk, solidImage } from '../integration/support/images';

/** The first field issue of a refusal: its message key and params. */
async function refusal(run: () => unknown): Promise<{ messageKey: string; params?: Record<string, unknown> }> {
  try {
    await run();
  } catch (e) {
    const issue = (e as { issues?: { messageKey: string; params?: Record<string, unknown> }[] }).issues?.[0];
    if (issue) return issue;
    throw e;
  }
  throw new Error('not refused');
}

const gps = gpsExif;
const photo = (width = 64, height = 48) => solidImage(width, height);
const pdf = minimalPdf;

/** A PNG with eXIf (holding a GPS tag name) and tEXt chunks put in before its IDAT. */
async function pngWithLocation(): Promise<Buffer> {
  const png = await photo().png().toBuffer();
  const idat = png.indexOf('IDAT', 0, 'latin1') - 4;
  const extra = Buffer.concat([pngChunk('eXIf', Buffer.from('MM\u0000*GPSLatitude 35.68', 'latin1')), pngChunk('tEXt', Buffer.from('Comment\u0000GPS 35.68,139.69', 'latin1'))]);
  return Buffer.concat([png.subarray(0, idat), extra, png.subarray(idat)]);
}

describe('a picked file (issue #11 item 2)', () => {
  it('checks the size before reading: empty and over 20 MB refused, naming the size', async () => {
    expect(await refusal(() => checkSize(0))).toEqual({ path: ['file'], messageKey: 'disposalAttachments.errors.emptyFile' });
    expect((await refusal(() => checkSize(25 * 1024 * 1024 + 1))).params).toEqual({ maximum: 20, size: 25.1 });
    expect(() => checkSize(20 * 1024 * 1024)).not.toThrow();
  });

  it('keeps the basename only, under the text guards (個人番号, controls, bidi, 200 characters)', async () => {
    expect(attachmentFileName('/home/a/写真/破砕後.jpg')).toBe('破砕後.jpg');
    expect((await refusal(() => attachmentFileName('/tmp/123456789018.jpg'))).messageKey).toBe('validation.myNumberInFileName');
    expect((await refusal(() => attachmentFileName('/tmp/a\u0007b.jpg'))).messageKey).toBe('validation.controlChars');
    expect((await refusal(() => attachmentFileName('/tmp/photo\u202Egpj.exe'))).messageKey).toBe('validation.bidiControl');
    expect((await refusal(() => attachmentFileName(`/tmp/${'あ'.repeat(197)}.jpg`))).messageKey).toBe('disposalAttachments.errors.fileNameTooLong');
    expect(attachmentFileName(`/tmp/${'あ'.repeat(196)}.jpg`)).toHaveLength(200);
  });

  it('reads the type from the content, not the name', async () => {
    const jpeg = await photo().jpeg().toBuffer();
    expect(await contentType(jpeg, '写真.JPG', 'photo')).toBe('image/jpeg');
    expect(await contentType(pdf, '証明書.pdf', 'certificate')).toBe('application/pdf');
    expect(await refusal(() => contentType(pdf, '写真.jpg', 'certificate'))).toMatchObject({ messageKey: 'disposalAttachments.errors.nameMismatch', params: { extension: '.jpg', content: 'PDF' } });
    expect(await refusal(() => contentType(jpeg, '写真.png', 'photo'))).toMatchObject({ messageKey: 'disposalAttachments.errors.nameMismatch', params: { content: 'JPEG' } });
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(100)]);
    expect(await refusal(() => contentType(zip, '写真.jpg', 'photo'))).toMatchObject({ messageKey: 'disposalAttachments.errors.unsupportedContent', params: { content: 'ZIP' } });
    const exe = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(200)]);
    expect(await refusal(() => contentType(exe, '写真.jpg', 'photo'))).toMatchObject({ messageKey: 'disposalAttachments.errors.unsupportedContent', params: { content: 'EXE' } });
    expect((await refusal(() => contentType(Buffer.from('just text'), 'a.jpg', 'photo'))).messageKey).toBe('disposalAttachments.errors.unknownContent');
    expect((await refusal(() => contentType(pdf, '証明書.pdf', 'photo'))).messageKey).toBe('disposalAttachments.errors.photoNotImage');
  });
});

describe('location removed', () => {
  it('drops Exif (GPS), XMP and IPTC from a JPEG, the image data byte-exact', async () => {
    const original = await photo().jpeg().withExif(gps).withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><GPSLatitude>35</GPSLatitude></x:xmpmeta>').toBuffer();
    // An APP13 (IPTC) segment as Photoshop writes one, put right after SOI.
    const iptcBody = Buffer.from('Photoshop 3.0\u00008BIM GPS Tokyo', 'latin1');
    const app13 = Buffer.concat([Buffer.from([0xff, 0xed, 0, iptcBody.length + 2]), iptcBody]);
    const withIptc = Buffer.concat([original.subarray(0, 2), app13, original.subarray(2)]);
    // Exif stores tags as numbers: the camera's Make (a text of the same Exif) shows it is there, then gone.
    expect(withIptc.includes('TestCam')).toBe(true);
    expect(withIptc.includes('GPS')).toBe(true);
    expect((await sharp(withIptc).metadata()).exif).toBeDefined();

    const stripped = stripJpegMetadata(withIptc);
    expect(stripped.includes('GPS')).toBe(false);
    expect(stripped.includes('TestCam')).toBe(false);
    expect(stripped.includes('Photoshop')).toBe(false);
    const meta = await sharp(stripped).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    const sos = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    expect(sos(stripped).equals(sos(original))).toBe(true);
  });

  it('drops eXIf and the text chunks from a PNG, the pixels unchanged', async () => {
    const original = await pngWithLocation();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const stripped = stripPngMetadata(original);
    expect(stripped.includes('GPS')).toBe(false);
    expect(stripped.includes('eXIf')).toBe(false);
    expect((await sharp(stripped).metadata()).exif).toBeUndefined();
    expect((await sharp(stripped).raw().toBuffer()).equals(await sharp(original).raw().toBuffer())).toBe(true);
  });

  it('keeps a rotated photo upright: thumbnail, print image and size upright, the stored file keeps only its orientation', async () => {
    const sideways = await photo(200, 100).jpeg().withExif(gps).withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    expect(sideways.includes('TestCam')).toBe(true);
    const p = await prepareFile(sideways, 'image/jpeg');
    expect([p.width, p.height]).toEqual([100, 200]);
    const thumb = await sharp(p.thumbnail!).metadata();
    expect([thumb.width, thumb.height, thumb.format]).toEqual([100, 200, 'jpeg']);
    expect((await sharp(p.printImage!).metadata()).height).toBe(200);
    expect(p.content.includes('TestCam')).toBe(false);
    const kept = await sharp(p.content).metadata();
    expect(kept.orientation).toBe(6);
    // Exif header + TIFF header + one IFD entry: no room for a GPS IFD.
    expect(kept.exif).toHaveLength(32);
  });
});

describe('images made and refused', () => {
  it('makes a thumbnail within 320 px and a print image within 1600 px', async () => {
    const big = await photo(4000, 3000).jpeg().toBuffer();
    const p = await prepareFile(big, 'image/jpeg');
    const [thumb, print] = await Promise.all([sharp(p.thumbnail!).metadata(), sharp(p.printImage!).metadata()]);
    expect([thumb.width, thumb.height]).toEqual([320, 240]);
    expect([print.width, print.height]).toEqual([1600, 1200]);
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores a PDF as it is, with no images', async () => {
    const p = await prepareFile(pdf, 'application/pdf');
    expect(p.content.equals(pdf)).toBe(true);
    expect([p.thumbnail, p.printImage, p.width, p.height]).toEqual([null, null, null, null]);
  });

  it('refuses a damaged image and a decompression bomb in words, never INTERNAL', async () => {
    const jpeg = await photo(400, 300).jpeg().toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    expect((await refusal(() => prepareFile(truncated, 'image/jpeg'))).messageKey).toBe('disposalAttachments.errors.damagedImage');
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 0x5a)]);
    expect((await refusal(() => prepareFile(garbage, 'image/jpeg'))).messageKey).toBe('disposalAttachments.errors.damagedImage');
    // 20000 × 20000 (400 megapixels) claimed by a header of a few bytes.
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20000, 0);
    ihdr.writeUInt32BE(20000, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    const bomb = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', Buffer.alloc(10)), pngChunk('IEND', Buffer.alloc(0))]);
    expect(await refusal(() => prepareFile(bomb, 'image/png'))).toMatchObject({ messageKey: 'disposalAttachments.errors.tooManyPixels', params: { maximum: 100 } });
  });
});
