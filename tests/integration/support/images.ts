import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/**
 * Files a user might pick as a disposal record's photo or scan (issue #11 item 2), for the tests
 * of what is stored of them: a plain picture, Exif naming a place (what MIC §13 says must not be
 * kept), a PNG chunk to hide text in, and the smallest PDF file-type reads as one.
 */
export const gpsExif = { IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 41/1 0/1' } };

/** A one-colour picture, to be written as JPEG or PNG (add Exif with `.withExif(gpsExif)`). */
export const solidImage = (width: number, height: number, background = '#3a7') => sharp({ create: { width, height, channels: 3, background } });

export const minimalPdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** One PNG chunk: length, type, data and its CRC, as a writer would put it before IDAT. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
