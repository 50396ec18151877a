/**
 * Issue #10 figures: the media register at the size offices reach — 20,000 media and 500,000
 * custody events (take-outs and the steps of the media's timelines) — measured at the router
 * (validation, permission, SQL, the audited read's own transaction and fsync, output check).
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mediaTypes } from '../db/contract/mediaValues';
import { searchGrams } from '../db/ledger/search';
import type { Db } from '../db/store/database';
import { htmlToPdf, launchChromium } from '../tests/integration/support/chromium';
import { benchOrganization, inTempDir, openSeed, routerMeasure, type Call, type Format, type Line, type Measure } from './benchSupport';

const departments = 40;
const locationsPerDepartment = 5;
const media = 20_000;
const takeouts = 100_000;
const makers = ['BUFFALO RUF3', 'I-O DATA ED-E4', 'ELECOM MF-MSU3', 'SanDisk Extreme', 'TOSHIBA CANVIO', 'Panasonic LM-BE25'];

/** The section's folder goes when it ends, however it ends. */
export async function benchMedia(line: Line, fmt: Format): Promise<void> {
  await inTempDir('daicho-bench-media-', (dir) => measureMedia(dir, line, fmt));
}

async function measureMedia(dir: string, line: Line, fmt: Format): Promise<void> {
  const browser = await launchChromium();
  const printer = { toPdf: (html: string, options?: { landscape?: boolean }) => htmlToPdf(browser, html, options), print: async () => true };
  const { backend, call, password } = await benchOrganization(dir, { save: path.join(tmpdir(), `daicho-bench-media-${process.pid}.pdf`) }, printer);
  try {
    await measureMediaWith(call, password, dir, line, fmt);
  } finally {
    backend.close();
    await browser.close();
    rmSync(path.join(tmpdir(), `daicho-bench-media-${process.pid}.pdf`), { force: true });
  }
}

async function measureMediaWith(call: Call, password: string, dir: string, line: Line, fmt: Format): Promise<void> {
  const departmentIds: number[] = [];
  for (let i = 0; i < departments; i++) departmentIds.push(((await call('departments.create', { name: `課${String(i).padStart(2, '0')}` })) as { id: number }).id);
  const t0 = performance.now();
  const events = await seedMedia(dir, password, departmentIds);
  line(`seed ${media.toLocaleString()} media + ${events.toLocaleString()} custody events`, `${fmt((performance.now() - t0) / 1000)} s`);

  const measure = routerMeasure(call, line, fmt);
  const sorts = ['mediaNo', 'type', 'status', 'storageLocation', 'registeredAt', 'lastSeenAt', 'updatedAt'];
  await measure('register: filtered, sorted page of 50 (router)', 'target p95 ≤ 15 ms', (i) => [
    'media.list',
    { departmentId: i % 2 ? departmentIds[i % departments] : undefined, status: i % 3 ? undefined : 'in_storage', sort: sorts[i % sorts.length], direction: i % 4 ? 'asc' : 'desc', pageSize: 50 },
  ]);
  await measure('register: last page of 50 (router)', '', (i) => ['media.list', { sort: sorts[i % sorts.length], pageSize: 50, cursor: 'last' }]);
  await measure('持出管理簿: overdue take-outs, page of 50 (router)', 'target p95 ≤ 10 ms', (i) => [
    'media.takeout.list',
    { overdue: true, ...(i % 2 ? { departmentId: departmentIds[i % departments] } : {}), pageSize: 50 },
  ]);
  await measure('持出管理簿: every take-out, newest first, page of 50 (router)', '', (i) => ['media.takeout.list', { ...(i % 2 ? { departmentId: departmentIds[i % departments] } : {}), pageSize: 50 }]);
  await measure('open one medium with its timeline and take-outs (router)', '', (i) => ['media.get', { mediumId: 1 + ((i * 4243) % media) }]);
  // 今日の確認事項 for the chief, every card over the whole organisation: overdue (300), missing
  // (400), unseen by the interval (some 15,000 of 保管中 never or long ago seen), backup beside the terminal.
  await measure('home dashboard for the chief, with the media cards (router)', 'target p95 ≤ 30 ms', () => ['home.cards', {}]);
  await measure('list a card opens: media unseen since a day, page of 50 (router)', '', (i) => [
    'media.list',
    { status: 'in_storage', unseenSince: '2025-12-01', sort: sorts[i % sorts.length], pageSize: 50 },
  ]);
  await measureInventory(call, measure, line, fmt);
  // A sheet of 24 labels (QR + Code128 each) to PDF in Chromium, through the router: the
  // template, bwip-js, page.pdf and the atomic save (the first run starts Chromium's renderer).
  await measure('label sheet of 24 to PDF (router, Chromium)', 'target ≤ 1 s', (i) => [
    'media.printLabels',
    // Every 40th medium (one 課等: a print is of one 課等), a 廃止 one (seedRegister: id % 97) swapped for the next (no label for it).
    { mediumIds: Array.from({ length: 24 }, (_, k) => 1 + ((i * 24 + k) * 40) % media).map((id) => (id % 97 === 0 ? id + 40 : id)), layout: '24', startPosition: 1, target: 'pdf' },
  ], 40);
}

/**
 * 点検 of 保管場所 1, which holds the 500 media of 課00 (every 40th medium): each scan is its own
 * write with its access-log event (db/features/media/inventory.ts). One in ten scans is a label
 * scanned twice, one in twenty an unknown label.
 */
async function measureInventory(call: Call, measure: Measure, line: Line, fmt: Format): Promise<void> {
  const { id: inventoryId } = (await call('media.inventory.start', { locationId: 1 })) as { id: number };
  const codeOf = (id: number) => `K00-${mediaTypes[id % mediaTypes.length]!.toUpperCase()}-${String(id).padStart(5, '0')}`;
  await measure('点検: record one scan (router)', 'target p95 ≤ 5 ms', (i) => [
    'media.inventory.scan',
    { inventoryId, code: i % 20 === 19 ? `UNKNOWN-${i}` : i % 10 === 9 ? codeOf(40 * i) : codeOf(40 * (i + 1)) },
  ], 420);
  const t = performance.now();
  await call('media.inventory.close', { inventoryId, markMissing: [], note: '' });
  line('点検: close a session of 400 scans (500 expected)', `${fmt(performance.now() - t)} ms`);
}

/** Seeding goes straight to SQL through a second connection: only the queries are measured. */
async function seedMedia(dir: string, password: string, departmentIds: number[]): Promise<number> {
  const { seed } = await openSeed(dir, password);
  try {
    const now = new Date().toISOString();
    const location = seed.prepare('INSERT INTO storage_locations (id, name, department_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    seed.transaction(() => {
      departmentIds.forEach((d, i) => {
        for (let j = 0; j < locationsPerDepartment; j++) location.run(i * locationsPerDepartment + j + 1, `施錠キャビネット${j + 1}`, d, now, now);
      });
    })();
    seedRegister(seed, departmentIds);
    return media + seedTakeouts(seed);
  } finally {
    seed.close();
  }
}

function seedRegister(seed: Db, departmentIds: number[]): void {
  const insert = seed.prepare(
    `INSERT INTO media (id, media_no, type, make_model, serial_no, encrypted, department_id, custodian, storage_location_id, is_backup_medium,
       status, registered_at, last_seen_at, last_edited_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, '田中 花子', ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const grams = seed.prepare('INSERT INTO media_search (rowid, grams) VALUES (?, ?)');
  const history = seed.prepare(`INSERT INTO media_history (medium_id, version, at, user_id, user_name, action, changes) VALUES (?, 1, ?, 1, '総括', 'create', '[]')`);
  seed.transaction(() => {
    for (let id = 1; id <= media; id++) {
      const d = id % departments;
      const type = mediaTypes[id % mediaTypes.length]!;
      const no = `K${String(d).padStart(2, '0')}-${type.toUpperCase()}-${String(id).padStart(5, '0')}`;
      const at = new Date(Date.UTC(2023, 0, 1) + (id % 1000) * 86_400_000).toISOString();
      const status = id % 50 === 0 ? 'missing' : id % 97 === 0 ? 'retired' : 'in_storage';
      insert.run(id, no, type, makers[id % makers.length]!, `SN${id * 7919}`, id % 3 ? 'hardware' : 'none', departmentIds[d]!, d * locationsPerDepartment + (id % locationsPerDepartment) + 1, id % 20 === 0 ? 1 : 0, status, at.slice(0, 10), id % 4 ? at.slice(0, 10) : null, at, at);
      grams.run(id, searchGrams([no, makers[id % makers.length]!, `SN${id * 7919}`, '田中 花子']));
      history.run(id, at);
    }
  })();
}

/**
 * 100,000 take-outs over three years, each with its four or five timeline steps (request,
 * approval, out, return): some 480,000 events. The newest 600 are still out; half of those
 * are past due (the overdue list), and 200 wait for approval.
 */
function seedTakeouts(seed: Db): number {
  const takeout = seed.prepare(
    `INSERT INTO media_takeouts (id, medium_id, requested_by, requested_at, purpose, destination, contents_summary, safeguard_encryption, due_back, status,
       decided_by, decided_at, out_at, returned_at, return_checked_by, contents_intact, temp_copies_erased, updated_at, department_id)
     VALUES (?, ?, 1, ?, '出張先での説明資料', '県庁 会議室', '会議資料（氏名なし）', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT department_id FROM media WHERE id = ?))`,
  );
  const step = seed.prepare(`INSERT INTO media_history (medium_id, version, at, user_id, user_name, action, changes) VALUES (?, ?, ?, 1, '総括', ?, '[]')`);
  const outMedium = seed.prepare("UPDATE media SET status = 'checked_out' WHERE id = ?");
  const start = Date.UTC(2023, 11, 1);
  const span = Date.now() - start;
  let events = 0;
  for (let base = 1; base <= takeouts; base += 10_000) {
    seed.transaction(() => {
      for (let id = base; id < base + 10_000; id++) {
        const at = start + Math.floor((span * id) / (takeouts + 1));
        const iso = new Date(at).toISOString();
        const open = takeouts - id; // 0 … for the newest
        // Open take-outs go to media that no other open one uses (one open per medium).
        const mediumId = open < 800 ? 1 + ((open * 23 + 1) % media) : 1 + ((id * 7919) % media);
        const status = open < 300 ? 'out' : open < 600 ? 'out' : open < 800 ? 'requested' : 'returned';
        const due = new Date(at + (open < 300 ? -86_400_000 * 2 : 86_400_000 * 400)).toISOString().slice(0, 10);
        const decided = status === 'requested' ? null : iso;
        const returned = status === 'returned' ? iso : null;
        takeout.run(id, mediumId, iso, due, status, decided ? 1 : null, decided, status === 'requested' ? null : iso, returned, returned ? 1 : null, returned ? 1 : null, returned ? 1 : null, iso, mediumId);
        const actions = status === 'returned' ? ['takeoutRequest', 'takeoutApprove', 'takeoutOut', 'takeoutReturn'] : status === 'out' ? ['takeoutRequest', 'takeoutApprove', 'takeoutOut'] : ['takeoutRequest'];
        actions.forEach((a, k) => step.run(mediumId, 2 + k, iso, a));
        if (status === 'out') outMedium.run(mediumId);
        events += 1 + actions.length;
      }
    })();
  }
  return events;
}
