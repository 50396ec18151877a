/**
 * Issue #11 figure: one 廃棄・消去証明書 with 4 photos of 4 MB each, rendered to PDF through the
 * router with real Chromium (the template, the photos' print images inlined, bwip-js's QR code,
 * page.pdf, the atomic save, and the print's row, history step and access-log event).
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Tx } from '../db/core/appCore';
import { prepareFile } from '../db/features/disposal/attachmentFiles';
import { sealVerificationCode } from '../db/features/disposal/verificationCode';
import type { Db } from '../db/store/database';
import { htmlToPdf, launchChromium } from '../tests/integration/support/chromium';
import { benchOrganization, inTempDir, openSeed, routerMeasure, type Format, type Line } from './benchSupport';

const photos = 4;

/** The section's folder goes when it ends, however it ends. */
export async function benchDisposalCertificate(line: Line, fmt: Format): Promise<void> {
  await inTempDir('daicho-bench-disposal-', (dir) => measureCertificate(dir, line, fmt));
}

/**
 * A 12-megapixel camera JPEG of about 4 MB: grain over the whole frame, softened as a lens does
 * (pure noise would be no photo: its print image would be five times a real one's).
 */
async function fourMegabytePhoto(): Promise<Buffer> {
  const grain = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 22 } } }).png().toBuffer();
  return sharp(grain).blur(0.6).jpeg({ quality: 92 }).toBuffer();
}

async function measureCertificate(dir: string, line: Line, fmt: Format): Promise<void> {
  const browser = await launchChromium();
  const save = path.join(tmpdir(), `daicho-bench-disposal-${process.pid}.pdf`);
  const printer = { toPdf: (html: string, options?: { landscape?: boolean }) => htmlToPdf(browser, html, options), print: async () => true };
  const { backend, call, password } = await benchOrganization(dir, { save }, printer);
  try {
    const photo = await fourMegabytePhoto();
    const disposalId = await seedApproved(dir, password, photo);
    const measure = routerMeasure(call, line, fmt);
    await measure(`certificate with ${photos} photos of ${fmt(photo.length / 1_048_576, 1)} MB to PDF (router, Chromium)`, 'target ≤ 1 s', () => [
      'disposal.printCertificate',
      { disposalId, target: 'pdf' },
    ], 40);
  } finally {
    backend.close();
    await browser.close();
    rmSync(save, { force: true });
  }
}

/** An approved, sealed record of the chief's 課等 with its photos as the attach step stores them; straight to SQL. */
async function seedApproved(dir: string, password: string, photo: Buffer): Promise<number> {
  const prepared = await prepareFile(photo, 'image/jpeg');
  const { seed } = await openSeed(dir, password);
  try {
    return seed.transaction(() => insertApproved(seed, prepared))();
  } finally {
    seed.close();
  }
}

function insertApproved(seed: Db, prepared: Awaited<ReturnType<typeof prepareFile>>): number {
  const at = new Date().toISOString();
  const { lastInsertRowid } = seed
    .prepare(
      `INSERT INTO disposals (department_id, nist_class, method, method_detail, tool, performed_on, place_kind, contractor_name, contractor_certificate_no,
         operator_id, result, targets, created_by, last_edited_by, created_at, updated_at)
       VALUES (1, 'destroy', 'physical', '破砕機で粉砕', 'HD-Crusher', ?, 'contractor', '株式会社 日本リサイクルセンター', 'NRC-2026-0458', 1, 'completed',
         '[{"kind":"paper","description":"住民票の写し","quantity":3,"unit":"箱"}]', 1, 1, ?, ?)`,
    )
    .run(at.slice(0, 10), at, at);
  const id = Number(lastInsertRowid);
  const attach = seed.prepare(
    `INSERT INTO disposal_attachments (disposal_id, kind, file_name, mime, size, sha256, width, height, caption, content, thumbnail, print_image, added_by, added_at)
     VALUES (?, 'photo', ?, 'image/jpeg', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
  );
  for (let i = 1; i <= photos; i++) {
    attach.run(id, `photo-${i}.jpg`, prepared.content.length, prepared.sha256, prepared.width, prepared.height, `破砕後 ${i}`, prepared.content, prepared.thumbnail, prepared.printImage, at);
  }
  seed.prepare("UPDATE disposals SET certificate_no = 'R8-0001', approved_by = 1, approved_at = ?, approved_on = ? WHERE id = ?").run(at, at.slice(0, 10), id);
  // The seal only reads the chain's head and writes the row: a Tx of the seeding connection will do.
  sealVerificationCode({ db: seed } as unknown as Tx, id);
  seed.prepare("UPDATE disposals SET status = 'approved' WHERE id = ?").run(id);
  return id;
}
