import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChainVerification, HoldingFields, VerificationFinding } from '../../db/contract';
import { eventHash } from '../../db/core/audit';
import { anchorFileName } from '../../db/core/auditAnchor';
import { withFindings } from '../../db/core/auditFindings';
import { eventContentSql, verifyChain } from '../../db/core/auditVerify';
import { insertHolding } from '../../db/features/holdings/rules';
import { ledgerRowChecks } from '../../db/ledger/reconcile';
import { openEncryptedDatabase, type Db } from '../../db/store/database';
import { chief, makeTestApp, reauth, type TestApp } from './support/backend';
import { exportTo, mediumDir, passphrase } from './support/backup';
import { databaseKeyFromPassword, openWithRawKey } from './support/documentedFormat';
import { databaseAtVersion, kitWrite } from './support/olderDatabase';
import { holdingInput, importCsv, ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * Issue #9, item 5: detection that does not depend on the attacker's goodwill. Each attack
 * is made as an insider with the database key would make it — with the app closed, through
 * SQLite, triggers dropped — and 改ざん検査 must name what it found. A clean history after
 * many normal writes, a lock, a restore and a crash-like reopen must verify with no finding.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

/** Writes a few holdings through every kind of step, as the clerk, officer and manager would. */
async function normalDay(count = 3): Promise<number[]> {
  await loginAs(app, people.clerk);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push((await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: '', name: `住民記録 ${i}`, subjectCount: 100 + i }))).id);
  const first = await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: '', name: '照合する行' }));
  ids.push(first.id);
  const edited = await app.ok('holdings.update', { holdingId: first.id, version: first.version, fields: { ...holdingInput(departments.citizens, { name: '照合する行 改', subjectCount: 120 }), ledgerNo: first.ledgerNo } });
  await app.ok('holdings.usage.add', { holdingId: first.id, kind: 'use', usedOn: '2026-11-20', personName: '田中 花子', purpose: '窓口対応' });
  await loginAs(app, people.officer);
  await app.ok('holdings.verify', { holdingId: first.id, version: edited.version });
  await loginAs(app, people.manager);
  await app.ok('holdings.decideCategory', { holdingId: first.id, category: 'B', reason: '件数が少ない' });
  await app.ok('holdings.markReviewed', { holdingId: first.id });
  return ids;
}

async function verify(): Promise<ChainVerification> {
  return app.ok('audit.verify');
}

const kinds = (v: ChainVerification) => (v.findings ?? []).map((f) => f.kind).sort();
const found = (v: ChainVerification, kind: VerificationFinding['kind']) => (v.findings ?? []).filter((f) => f.kind === kind);

/** With the app closed (the last logout wrote the anchor), as an insider with the key would. */
async function tamper(change: (db: Db) => void): Promise<void> {
  if ((await app.ok('session.current')) !== null) await app.ok('auth.logout');
  const db = openWithRawKey(path.join(app.dir, 'daicho.db'), databaseKeyFromPassword(path.join(app.dir, 'keyring.json'), chief.loginId, chief.password));
  try {
    db.exec(`DROP TRIGGER IF EXISTS audit_events_no_delete; DROP TRIGGER IF EXISTS audit_events_no_update;
             DROP TRIGGER IF EXISTS holding_history_no_update; DROP TRIGGER IF EXISTS holding_history_no_delete;`);
    change(db);
  } finally {
    db.close();
  }
  await loginAs(app, chief);
}

/** Recomputes every hash from `fromSeq` on, as a careful forger would after editing an event. */
function rehashFrom(db: Db, fromSeq: number): void {
  let prev = (db.prepare('SELECT lower(hex(hash)) FROM audit_events WHERE seq = ?').pluck().get(fromSeq - 1) as string | undefined) ?? '0'.repeat(64);
  const rows = db.prepare(`SELECT seq, ${eventContentSql} FROM audit_events WHERE seq >= ? ORDER BY seq`).raw().all(fromSeq) as [number, string][];
  const update = db.prepare('UPDATE audit_events SET hash = ? WHERE seq = ?');
  for (const [seq, content] of rows) {
    const hash = eventHash(prev, content);
    update.run(hash, seq);
    prev = hash.toString('hex');
  }
}

async function reviewNow(): Promise<number> {
  await loginAs(app, chief);
  const review = await app.ok('audit.reviews.create', { periodFrom: '2026-11-01', periodTo: '2026-11-22', findings: '' });
  return review.reviewedThroughSeq;
}

describe('改ざん検査: heads pinned outside the log', () => {
  it('reports a tail deleted after a review pinned a later head, and how many events are missing', async () => {
    await normalDay();
    const pinned = await reviewNow();
    const cut = pinned - 5;
    // The anchor too is put back, so only the review's pin is left to tell.
    await tamper((db) => db.prepare('DELETE FROM audit_events WHERE seq > ?').run(cut));
    rmSync(path.join(app.dir, anchorFileName));
    const v = await verify();
    expect(v.firstBroken).toBeNull();
    expect(v.ok).toBe(false);
    const [missing] = found(v, 'pinMissing');
    expect(missing?.params).toMatchObject({ source: 'review', seq: pinned, headSeq: v.headSeq, missing: pinned - v.headSeq });
    expect(kinds(v)).toContain('anchorMissing');
  });

  it('reports a consistent rewrite from an event before a pinned head (every later hash recomputed)', async () => {
    await normalDay();
    const pinned = await reviewNow();
    await tamper((db) => {
      db.prepare("UPDATE audit_events SET actor_name = '別人' WHERE seq = 5").run();
      rehashFrom(db, 5);
    });
    const v = await verify();
    expect(v.firstBroken).toBeNull();
    expect(v.ok).toBe(false);
    expect(found(v, 'pinMismatch').map((f) => f.params)).toEqual(
      expect.arrayContaining([expect.objectContaining({ source: 'review', seq: pinned }), expect.objectContaining({ source: 'anchor' })]),
    );
  });

  it('reports a backup whose pinned head the log no longer has', async () => {
    await loginAs(app, chief);
    await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: '' }));
    const medium = mediumDir();
    await exportTo(app, medium);
    await tamper((db) => {
      const head = db.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number;
      db.prepare('DELETE FROM audit_events WHERE seq > ?').run(head - 6);
    });
    rmSync(path.join(app.dir, anchorFileName), { force: true });
    const v = await verify();
    expect(found(v, 'pinMissing').map((f) => f.params.source)).toContain('backup');
    rmSync(medium, { recursive: true, force: true });
  });
});

describe('改ざん検査: the head anchor', () => {
  it('reports the anchor deleted, but not on a log that never had one', async () => {
    await loginAs(app, chief);
    expect(kinds(await verify())).toEqual([]);
    await app.ok('auth.logout');
    expect(existsSync(path.join(app.dir, anchorFileName))).toBe(true);
    rmSync(path.join(app.dir, anchorFileName));
    await loginAs(app, chief);
    const v = await verify();
    expect(kinds(v)).toEqual(['anchorMissing']);
    // Evidence is kept: a lock does not quietly write a new one …
    await app.ok('auth.logout');
    expect(existsSync(path.join(app.dir, anchorFileName))).toBe(false);
    // … until an auditor records a review of what was found.
    await reviewNow();
    expect(existsSync(path.join(app.dir, anchorFileName))).toBe(true);
    expect(kinds(await verify())).toEqual([]);
  });

  it('takes an anchor older than the head as a crash before the next lock, and one ahead of it as a rollback', async () => {
    await loginAs(app, chief);
    await app.ok('auth.logout');
    const older = readFileSync(path.join(app.dir, anchorFileName));
    const oldDb = readFileSync(path.join(app.dir, 'daicho.db'));
    await normalDay(2);
    await app.ok('auth.logout');
    // Older: as a crash would leave it.
    const newer = readFileSync(path.join(app.dir, anchorFileName));
    writeFileSync(path.join(app.dir, anchorFileName), older);
    await loginAs(app, chief);
    expect(kinds(await verify())).toEqual([]);
    await app.ok('auth.logout');
    // Ahead: the database put back to an earlier copy behind the app's back.
    app.close();
    writeFileSync(path.join(app.dir, 'daicho.db'), oldDb);
    for (const suffix of ['-wal', '-shm']) rmSync(path.join(app.dir, `daicho.db${suffix}`), { force: true });
    writeFileSync(path.join(app.dir, anchorFileName), newer);
    app = makeTestApp({ dir: app.dir });
    await loginAs(app, chief);
    const v = await verify();
    expect(found(v, 'pinMissing')[0]?.params).toMatchObject({ source: 'anchor' });
  });

  it('reports an anchor edited or forged without the key', async () => {
    await loginAs(app, chief);
    await app.ok('auth.logout');
    const file = path.join(app.dir, anchorFileName);
    const anchor = JSON.parse(readFileSync(file, 'utf8')) as { seq: number; hash: string; at: string; format: string; mac: string };
    writeFileSync(file, JSON.stringify({ ...anchor, seq: anchor.seq - 1 }));
    await loginAs(app, chief);
    expect(kinds(await verify())).toEqual(['anchorInvalid']);
    await app.ok('auth.logout');
    // A MAC made with a key other than the database's.
    const body = { format: anchor.format, seq: 1, hash: anchor.hash, at: anchor.at };
    writeFileSync(file, JSON.stringify({ ...body, mac: createHmac('sha256', 'guess').update(JSON.stringify(body)).digest('hex') }));
    await loginAs(app, chief);
    expect(kinds(await verify())).toEqual(['anchorInvalid']);
    writeFileSync(file, 'not json');
    expect(kinds(await verify())).toEqual(['anchorInvalid']);
  });
});

describe('改ざん検査: ledger rows against the access log', () => {
  it('names a holding whose row was edited directly, and the field that differs', async () => {
    const [id] = await normalDay();
    const ledgerNo = (await app.ok('holdings.get', { holdingId: id! })).holding.ledgerNo;
    await tamper((db) => db.prepare('UPDATE holdings SET subject_count = 99999 WHERE id = ?').run(id));
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toBeNull();
    expect(v.findings).toEqual([{ kind: 'rowChanged', params: { ledger: 'tamperFindings.ledgers.holdings', id: id!, number: ledgerNo }, fieldKeys: ['holdingFields.subjectCount'] }]);
  });

  it('names a history row edited or deleted directly', async () => {
    // The row that went through update, 照合, 管理区分 and review: several history rows.
    const id = (await normalDay()).at(-1);
    const [edited, deleted] = (await app.ok('holdings.get', { holdingId: id! })).history.map((h) => h.id);
    await tamper((db) => {
      db.prepare(`UPDATE holding_history SET user_name = '別人' WHERE id = ?`).run(edited);
      db.prepare('DELETE FROM holding_history WHERE id = ?').run(deleted);
    });
    const v = await verify();
    expect(v.findings).toEqual(
      expect.arrayContaining([
        { kind: 'historyChanged', params: { ledger: 'tamperFindings.ledgers.holdings', id: edited!, recordId: id! }, fieldKeys: [] },
        { kind: 'historyDeleted', params: { ledger: 'tamperFindings.ledgers.holdings', id: deleted! }, fieldKeys: [] },
      ]),
    );
  });

  it('names a row inserted, or deleted, with no event', async () => {
    const [id, other] = await normalDay();
    let inserted = 0;
    await tamper((db) => {
      const columns = (db.pragma('table_info(holdings)') as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id' && c !== 'ledger_no');
      inserted = Number(db.prepare(`INSERT INTO holdings (ledger_no, ${columns.join(', ')}) SELECT 'X-0001', ${columns.join(', ')} FROM holdings WHERE id = ?`).run(id).lastInsertRowid);
      db.pragma('foreign_keys = OFF');
      db.prepare('DELETE FROM holdings WHERE id = ?').run(other);
    });
    const v = await verify();
    expect(v.findings).toEqual(
      expect.arrayContaining([
        { kind: 'rowUnrecorded', params: { ledger: 'tamperFindings.ledgers.holdings', id: inserted, number: 'X-0001' }, fieldKeys: [] },
        { kind: 'rowDeleted', params: { ledger: 'tamperFindings.ledgers.holdings', id: other! }, fieldKeys: [] },
      ]),
    );
  });
});

describe('改ざん検査: no false alarm', () => {
  it('verifies a clean log after many writes, a lock, a restore and a crash-like reopen', async () => {
    const ids = await normalDay(5);
    await loginAs(app, people.clerk);
    // An import (one event for the file's rows) and a 照合依頼 (history without a new version).
    const csv = path.join(app.outDir, '台帳.csv');
    expect(await importCsv(app, csv, '名称,部署名,利用目的,件数,媒体,保管期限\r\n国民健康保険被保険者台帳,市民課,保険給付,120,紙,永年\r\n介護保険台帳,市民課,介護給付,80,電子,永年\r\n')).toEqual({ created: 2 });
    const officer = (await app.ok('holdings.verifierCandidates', { holdingId: ids[0]! })).find((c) => c.displayName === people.officer.displayName)!;
    await app.ok('holdings.requestVerification', { holdingId: ids[0]!, verifierUserId: officer.userId });
    await app.ok('session.lock');
    await app.ok('session.unlock', { password: people.clerk.password });
    await loginAs(app, chief);
    expect(await verify()).toMatchObject({ ok: true, findings: [] });
    // A backup, more work, then the backup restored: the anchor follows the restored log.
    const medium = mediumDir();
    const { file } = await exportTo(app, medium);
    await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: '', name: '復元で消える行' }));
    await reauth(app, chief.password);
    app.openAnswer.path = file;
    const preview = await app.ok('backup.restore.open', { passphrase });
    await app.ok('backup.restore.commit', { restoreId: preview.restoreId });
    await loginAs(app, chief);
    expect(await verify()).toMatchObject({ ok: true, findings: [] });
    // A crash: the process ends without a logout (no anchor refresh); another opens the folder.
    await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: '', name: '落ちる直前の行' }));
    const crashed = app;
    app = makeTestApp({ dir: crashed.dir });
    await loginAs(app, chief);
    expect(await verify()).toMatchObject({ ok: true, findings: [] });
    crashed.close();
    rmSync(medium, { recursive: true, force: true });
  });
});

describe('改ざん検査: rows written before migration 0009', () => {
  it('pins them with one baseline at the first write, then names a later direct edit', () => {
    // A database as the app before 0009 left it: migrations 1–8 and rows with no pinned state.
    const { dir, file, key, old } = databaseAtVersion(8, `INSERT INTO departments (id, name, created_at) VALUES (1, '市民課', '2025-01-01T00:00:00Z');
      INSERT INTO users (id, login_id, display_name, role, department_id, created_at) VALUES (1, 'tanaka', '田中 花子', 'clerk', 1, '2025-01-01T00:00:00Z');`);
    const before = kitWrite(old, '田中 花子', (tx) => insertHolding(tx, { userId: 1, name: '田中 花子', role: 'clerk', departmentId: 1 }, holdingInput(1, { ledgerNo: 'R7-0001' }) as HoldingFields, 'create', '2025-06-01'), true);
    old.close();
    const db = openEncryptedDatabase(file, key, { create: false });
    try {
      const check = () => withFindings(db, verifyChain(db), dir, key, ledgerRowChecks);
      // Before any write since the upgrade there is nothing to compare with: no finding, no false alarm.
      expect(check().findings).toEqual([]);
      kitWrite(db, '田中 花子', (tx) => tx.audit({ action: 'settings.update', detail: {} }));
      expect(db.prepare("SELECT count(*) FROM audit_events WHERE action = 'integrity.baseline'").pluck().get()).toBe(1);
      expect(check()).toMatchObject({ ok: true, findings: [] });
      // A kit write with no event of its own (an import row before its file's event): one event pins it.
      kitWrite(db, '田中 花子', (tx) => insertHolding(tx, { userId: 1, name: '田中 花子', role: 'clerk', departmentId: 1 }, holdingInput(1, { ledgerNo: 'R8-0001' }) as HoldingFields, 'import', '2026-11-22'));
      expect(db.prepare("SELECT action FROM audit_events ORDER BY seq DESC LIMIT 1").pluck().get()).toBe('ledger.state');
      expect(check()).toMatchObject({ ok: true, findings: [] });
      db.exec('DROP TRIGGER holding_history_no_update');
      db.prepare("UPDATE holdings SET storage_location = '自宅' WHERE id = ?").run(before);
      expect(check().findings).toEqual([
        { kind: 'rowChanged', params: { ledger: 'tamperFindings.ledgers.holdings', id: before, number: 'R7-0001' }, fieldKeys: ['holdingFields.storageLocation'] },
      ]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
