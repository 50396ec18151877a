import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../db/core/audit';
import { certificateContent, certificateRow } from '../../db/features/disposal/certificateData';
import { renderCertificate, type CertificateInput } from '../../db/features/disposal/print/certificate';
import type { DisposalTargets } from '../../db/features/disposal/targets';
import { sealVerificationCode } from '../../db/features/disposal/verificationCode';
import { printedDay } from '../../db/print/listDocument';
import { chromiumPerFile } from './support/chromium';
import { chief, kitDatabasePerTest, type KitDatabase } from './support/ledgerDb';
import { pdfPageInfo, pdfToText, withPdfFile } from './support/pdfText';
import { decodeQrInPdf } from './support/qrDecode';

/**
 * The 廃棄・消去証明書 on paper (issue #11 item 5): a record approved on a real SQLCipher database,
 * its content read as the print service reads it, printed by Chromium (Electron's engine) and read
 * back — text by pdftotext, the photos by their colour in the page image (pdftoppm), the QR code
 * by jsQR at 300 dpi (a decoder independent of bwip-js that drew it).
 */
const newKit = kitDatabasePerTest();

const { skip, toPdf } = chromiumPerFile();

/** A solid-colour photo as the attach step stores it: the print image a ≤ 1600 px JPEG. */
async function solidPhoto(colour: { r: number; g: number; b: number }): Promise<Buffer> {
  const original = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: colour } }).jpeg().toBuffer();
  return sharp(original).resize({ width: 1600, height: 1600, fit: 'inside' }).jpeg({ quality: 80 }).toBuffer();
}

function addAttachment(kit: KitDatabase, disposalId: number, a: { kind: 'photo' | 'certificate'; fileName: string; mime: string; printImage: Buffer | null; caption?: string }): void {
  kit.db
    .prepare(
      `INSERT INTO disposal_attachments (disposal_id, kind, file_name, mime, size, sha256, caption, content, print_image, added_by, added_at)
       VALUES (?, ?, ?, ?, 10, ?, ?, x'00', ?, 1, '2026-11-21T00:00:00Z')`,
    )
    .run(disposalId, a.kind, a.fileName, a.mime, 'ab'.repeat(32), a.caption ?? '', a.printImage);
}

/** An outsourced destruction with two witnesses, approved by the chief (R8-0001). */
function approvedRecord(kit: KitDatabase, amends: number | null = null, certificateNo = 'R8-0001'): number {
  return kit.write((tx) => {
    const { lastInsertRowid } = tx.db
      .prepare(
        `INSERT INTO disposals (department_id, nist_class, method, method_detail, tool, tool_version, verification_method, performed_on, place_kind,
           place_detail, operator_id, witness_ids, contractor_name, contractor_certificate_no, contractor_staff, result, result_note, targets,
           remarks, amends_id, amendment_reason, created_by, last_edited_by, created_at, updated_at)
         VALUES (1, 'destroy', 'physical', '穿孔機で3か所', 'HD-Crusher', 'v2.1', '目視で穿孔を確認', '2026-11-20', 'contractor', '株式会社リサイクル東京 工場',
           1, '[2, 3]', '株式会社リサイクル東京', 'RT-2026-0099', '高橋 三郎', 'completed', '', ?, '保存期間満了', ?, ?, 1, 1, ?, ?)`,
      )
      .run('[{"kind":"paper","description":"住民票写し交付申請書","quantity":3,"unit":"箱"}]', amends, amends ? '数量の誤り' : '', tx.at, tx.at);
    const id = Number(lastInsertRowid);
    tx.db.prepare('UPDATE disposals SET certificate_no = ?, approved_by = 3, approved_at = ?, approved_on = ? WHERE id = ?').run(certificateNo, tx.at, '2026-11-22', id);
    sealVerificationCode(tx, id);
    tx.db.prepare("UPDATE disposals SET status = 'approved' WHERE id = ?").run(id);
    if (amends) tx.db.prepare("UPDATE disposals SET status = 'amended' WHERE id = ?").run(amends);
    appendAuditEvent(tx.db, tx.at, { userId: 3, name: '佐藤 一郎' }, { action: 'disposal.approve', targetType: 'disposal', targetId: id, detail: {} });
    return id;
  });
}

// These records name paper only: no medium or holding is ever read (the app hands over the media and holdings adapters).
const noRecords = { read: () => new Map(), candidates: () => [], close: () => undefined };
const paperOnly: DisposalTargets = { medium: noRecords, holding: noRecords };

function certificateHtml(kit: KitDatabase, id: number, reissuedOn: string | null = null): { html: string; input: CertificateInput } {
  const day = printedDay('Asia/Tokyo', true);
  const input: CertificateInput = {
    organizationName: '架空市',
    printedAt: '2026-11-22T01:00:00.000Z',
    printedBy: '佐藤 一郎',
    timeZone: 'Asia/Tokyo',
    ...certificateContent(kit.db, { targets: paperOnly, actor: chief }, certificateRow(kit.db, id)!, day),
    reissuedOn,
  };
  return { html: renderCertificate(input), input };
}

/** Pixels of the page (at 50 dpi) that are clearly red: the photo printed. */
function redPixels(pdf: Buffer, page = 1): number {
  const png = withPdfFile(pdf, (file) => {
    const base = path.join(path.dirname(file), 'look');
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', String(page), '-l', String(page), '-singlefile', file, base]);
    return PNG.sync.read(readFileSync(`${base}.png`));
  });
  let red = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! > 200 && png.data[i + 1]! < 60 && png.data[i + 2]! < 60) red += 1;
  return red;
}

function redOnAllPages(pdf: Buffer): number {
  let total = 0;
  for (let p = 1; p <= pdfPageInfo(pdf).pages; p++) total += redPixels(pdf, p);
  return total;
}

const wholePage = { top: 0, left: 0, width: 210, height: 297 };

describe.skipIf(skip)('廃棄・消去証明書 on paper', () => {
  it('holds the number, every field, the names, the photos, the scans and a QR code of exactly the code', async () => {
    const kit = newKit();
    const id = approvedRecord(kit);
    // The photos were attached before approval in the app; here they are added after the seal, so the code is read back from the row.
    addAttachment(kit, id, { kind: 'photo', fileName: 'hdd-before.jpg', mime: 'image/jpeg', printImage: await solidPhoto({ r: 255, g: 0, b: 0 }), caption: '穿孔前' });
    addAttachment(kit, id, { kind: 'certificate', fileName: '委託先証明書.pdf', mime: 'application/pdf', printImage: null });
    const { html, input } = certificateHtml(kit, id);
    const pdf = await toPdf(html);
    expect(pdfPageInfo(pdf)).toMatchObject({ widthPt: 595, heightPt: 842 });
    const text = pdfToText(pdf).replace(/[ \t]+/g, ' ');
    for (const expected of ['廃棄・消去証明書', 'R8-0001', '架空市', '市民課', '住民票写し交付申請書', '穿孔機で3か所', 'HD-Crusher', 'v2.1', '田中 花子', '鈴木 次郎', '佐藤 一郎', '株式会社リサイクル東京', 'RT-2026-0099', '高橋 三郎', '令和8年11月20日', '穿孔前', '委託先証明書.pdf', 'abababababababab', '照合コード', input.verificationCode]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/3\s?箱/);
    expect(text).not.toContain('再発行');
    expect(redOnAllPages(pdf)).toBeGreaterThan(10_000);
    expect(decodeQrInPdf(pdf, wholePage, pdfPageInfo(pdf).pages)).toBe(input.verificationCode);
  });

  it('marks a reprint 再発行 with its day, near the title', async () => {
    const kit = newKit();
    const id = approvedRecord(kit);
    const pdf = await toPdf(certificateHtml(kit, id, '令和8年12月5日').html);
    const text = pdfToText(pdf);
    expect(text).toContain('再発行（令和8年12月5日）');
    expect(text.indexOf('再発行')).toBeLessThan(text.indexOf('証明書番号'));
  });

  it('says on an amended record that it was corrected, and on the correction what it corrects and why', async () => {
    const kit = newKit();
    const original = approvedRecord(kit);
    const correction = approvedRecord(kit, original, 'R8-0002');
    const originalText = pdfToText(await toPdf(certificateHtml(kit, original, '令和8年12月5日').html));
    expect(originalText).toContain('この証明書は訂正されています（訂正後: R8-0002）');
    const correctionText = pdfToText(await toPdf(certificateHtml(kit, correction).html));
    expect(correctionText).toContain('R8-0001 の訂正');
    expect(correctionText).toContain('数量の誤り');
  });

  it('breaks pages between rows of photos: five photos, each printed whole', async () => {
    const kit = newKit();
    const id = approvedRecord(kit);
    const red = await solidPhoto({ r: 255, g: 0, b: 0 });
    for (let i = 1; i <= 5; i++) addAttachment(kit, id, { kind: 'photo', fileName: `photo-${i}.jpg`, mime: 'image/jpeg', printImage: red, caption: `写真${i}` });
    const pdf = await toPdf(certificateHtml(kit, id).html);
    const text = pdfToText(pdf);
    for (let i = 1; i <= 5; i++) expect(text).toContain(`写真${i}`);
    const pages = pdfPageInfo(pdf).pages;
    expect(pages).toBeGreaterThan(1);
    expect(redOnAllPages(pdf)).toBeGreaterThan(5 * 15_000);
  });
});
