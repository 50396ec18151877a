/**
 * Issue #11 figure: attaching a 10 MB photo to a disposal record through the router — the open
 * dialog's file read, its type from the content, the location removed, the print image and the
 * thumbnail made (sharp), SHA-256, and the write of the encrypted BLOBs with its event (fsync).
 */
import { randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { benchOrganization, inTempDir, openSeed, routerMeasure, type Call, type Format, type Line } from './benchSupport';

/** The section's folder goes when it ends, however it ends. */
export async function benchDisposalAttach(line: Line, fmt: Format): Promise<void> {
  await inTempDir('daicho-bench-attach-', (dir) => measureAttach(dir, line, fmt));
}

/**
 * A camera photo of ~10 MB: 4000 × 3000 of noise (which JPEG cannot squeeze) at quality 92,
 * carrying the GPS a phone writes.
 */
async function tenMegabytePhoto(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .withExif({ IFD0: { Make: 'Bench', Orientation: '1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 41/1 0/1' } })
    .toBuffer();
}

async function measureAttach(dir: string, line: Line, fmt: Format): Promise<void> {
  const photo = path.join(dir, 'photo.jpg');
  writeFileSync(photo, await tenMegabytePhoto());
  const { backend, call, password } = await benchOrganization(path.join(dir, 'data'), { open: photo });
  try {
    // One 作成中 record, written straight to SQL (only the attach goes through the router).
    const { seed } = await openSeed(path.join(dir, 'data'), password);
    const chiefId = seed.prepare("SELECT id FROM users WHERE login_id = 'chief'").pluck().get() as number;
    const departmentId = seed.prepare('SELECT department_id FROM users WHERE id = ?').pluck().get(chiefId) as number;
    const at = new Date().toISOString();
    const disposalId = Number(
      seed
        .prepare(
          `INSERT INTO disposals (department_id, nist_class, method, performed_on, place_kind, operator_id, result, created_by, last_edited_by, created_at, updated_at)
           VALUES (?, 'destroy', 'physical', ?, 'contractor', ?, 'completed', ?, ?, ?, ?)`,
        )
        .run(departmentId, at.slice(0, 10), chiefId, chiefId, chiefId, at, at).lastInsertRowid,
    );
    seed.close();
    line('photo attached', `${fmt(statSync(photo).size / (1024 * 1024), 1)} MB, 4000 × 3000 JPEG with GPS`);
    let last: number | null = null;
    const tracked: Call = async (channel, input) => {
      const out = await call(channel, input);
      if (channel === 'disposal.attachments.add') last = (out as { attachment: { id: number } }).attachment.id;
      return out;
    };
    const measure = routerMeasure(tracked, line, fmt);
    // Before each attach (not timed) the previous one is removed: the record stays under its 20 files
    // and the database reuses the freed pages instead of growing by 10 MB a run.
    await measure('attach a 10 MB photo incl. print image + thumbnail (router)', 'target ≤ 300 ms', async () => {
      if (last !== null) await call('disposal.attachments.remove', { attachmentId: last });
      return ['disposal.attachments.add', { disposalId, kind: 'photo', caption: '' }];
    }, 40);
  } finally {
    backend.close();
  }
}
