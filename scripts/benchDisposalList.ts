/**
 * Issue #11 figure: the 廃棄記録簿 at a year's size — 10,000 disposal records in one fiscal year
 * over 40 課等, a third naming media — listed at the router (validation, permission, SQL, the
 * audited read's own transaction and fsync, the targets' words read through the media adapter).
 */
import { disposalMethods, methodClasses } from '../db/contract/disposalValues';
import { searchGrams } from '../db/ledger/search';
import type { Db } from '../db/store/database';
import { benchOrganization, inTempDir, openSeed, routerMeasure, type Call, type Format, type Line } from './benchSupport';

const departments = 40;
const records = 10_000;
const mediaCount = 4_000;

/** The section's folder goes when it ends, however it ends. */
export async function benchDisposalList(line: Line, fmt: Format): Promise<void> {
  await inTempDir('daicho-bench-disposal-', async (dir) => {
    const { backend, call, password } = await benchOrganization(dir, {});
    try {
      await measure(call, password, dir, line, fmt);
    } finally {
      backend.close();
    }
  });
}

async function measure(call: Call, password: string, dir: string, line: Line, fmt: Format): Promise<void> {
  const departmentIds: number[] = [];
  for (let i = 0; i < departments; i++) departmentIds.push(((await call('departments.create', { name: `課${String(i).padStart(2, '0')}` })) as { id: number }).id);
  const t0 = performance.now();
  const { seed } = await openSeed(dir, password);
  try {
    seedMedia(seed, departmentIds);
    seedDisposals(seed, departmentIds);
  } finally {
    seed.close();
  }
  line(`seed ${records.toLocaleString()} disposal records (FY2026, ${departments} 課等)`, `${fmt((performance.now() - t0) / 1000)} s`);
  const m = routerMeasure(call, line, fmt);
  await m('廃棄記録簿: first page of 50, newest first (router)', 'target p95 ≤ 15 ms', () => ['disposal.list', { pageSize: 50 }]);
  await m('廃棄記録簿: filtered page of 50 — 課等, period, method or target type (router)', 'target p95 ≤ 15 ms', (i) => [
    'disposal.list',
    {
      departmentId: departmentIds[i % departments],
      performedFrom: '2026-07-01',
      performedTo: '2026-12-31',
      ...(i % 2 ? { method: disposalMethods[i % disposalMethods.length] } : { targetKind: 'medium' }),
      sort: i % 3 ? 'performedOn' : 'certificateNo',
      pageSize: 50,
    },
  ]);
}

function seedMedia(seed: Db, departmentIds: number[]): void {
  const insert = seed.prepare(
    `INSERT INTO media (id, media_no, type, make_model, serial_no, encrypted, department_id, custodian, is_backup_medium, status, registered_at, last_edited_by, created_at, updated_at)
     VALUES (?, ?, 'usb', '', '', 'hardware', ?, '', 0, 'disposed', '2024-04-01', 1, '2024-04-01T00:00:00Z', '2024-04-01T00:00:00Z')`,
  );
  seed.transaction(() => {
    for (let id = 1; id <= mediaCount; id++) insert.run(id, `USB-${String(id).padStart(5, '0')}`, departmentIds[id % departments]!);
  })();
}

/** The fiscal year's day `n` (0 … 364) from 1 April 2026. */
const dayOf = (n: number) => new Date(Date.UTC(2026, 3, 1) + n * 86_400_000).toISOString().slice(0, 10);

function seedDisposals(seed: Db, departmentIds: number[]): void {
  const insert = seed.prepare(
    `INSERT INTO disposals (id, certificate_no, department_id, status, nist_class, method, performed_on, place_kind, operator_id, witness_ids, contractor_name,
       result, targets, target_kinds, remarks, approved_by, approved_at, approved_on, verification_code, chain_seq, chain_prev_hash, created_by, last_edited_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, '[1]', ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?)`,
  );
  const target = seed.prepare("INSERT INTO disposal_targets (disposal_id, kind, target_id) VALUES (?, 'medium', ?)");
  const grams = seed.prepare('INSERT INTO disposal_search (rowid, grams) VALUES (?, ?)');
  seed.transaction(() => {
    let medium = 0;
    for (let id = 1; id <= records; id++) {
      const method = disposalMethods[id % disposalMethods.length]!;
      const day = dayOf(Math.floor((id * 364) / records));
      const at = `${day}T03:00:00.000Z`;
      const approved = id % 10 !== 0;
      const certificateNo = approved ? `R8-${String(id).padStart(5, '0')}` : null;
      const withMedia = id % 3 === 0 && medium < mediaCount;
      const targets = withMedia ? [{ kind: 'medium', id: ++medium }, { kind: 'medium', id: ++medium }] : [{ kind: 'paper', description: '保存期間満了の申請書', quantity: 1 + (id % 9), unit: '箱' }];
      const contractor = id % 2 ? '株式会社 リサイクルセンター' : '';
      insert.run(id, certificateNo, departmentIds[id % departments]!, approved ? 'approved' : 'draft', methodClasses[method][0]!, method, day, contractor ? 'contractor' : 'onSite', contractor,
        JSON.stringify(targets), withMedia ? 'm' : 'p', `整理 ${id}`, approved ? 1 : null, approved ? at : null, approved ? day : null, approved ? `BNCH-${certificateNo}` : null, approved ? id : null, approved ? '0' : null, at, at);
      if (withMedia) for (const t of targets) target.run(id, (t as { id: number }).id);
      grams.run(id, searchGrams([certificateNo ?? '', contractor, withMedia ? '' : '保存期間満了の申請書', `整理 ${id}`]));
    }
  })();
}
