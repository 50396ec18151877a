import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { sayPhrase } from '../../db/contract/auditWords';
import { AuditVocabulary, describeAuditEvents } from '../../db/core/auditWords';
import { parseCsv } from '../../db/ledger/csv/decode';
import { holdingAuditTarget } from '../../db/features/holdings/auditWords';
import { lines, makeTaxManager, say, taxManager } from './support/auditWords';
import { chief, reauth, type TestApp } from './support/backend';
import { databaseKeyFromPassword, openWithRawKey } from './support/documentedFormat';
import { holdingInput, importCsv, ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * Adversarial pass on the access log in words (issue #7): what a manager of another 課等
 * learns through events that name no one record, what a crafted detail does to the screen
 * and the CSV, and how old events read.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

/** A stored event as the log holds it, for describing without the router. */
function described(detail: Record<string, unknown>, action = 'holdings.update') {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE users (id INTEGER PRIMARY KEY, display_name TEXT, department_id INTEGER);');
  const stored = { seq: 1, at: '2026-11-22T01:00:00.000Z', actorUserId: null, actorName: 'x', hash: '0', targetType: 'holding', targetId: null, action, detail };
  try {
    return describeAuditEvents(db, [stored], { role: 'chief', departmentId: 1 }, new AuditVocabulary([holdingAuditTarget]))[0]!;
  } finally {
    db.close();
  }
}

describe('access log: events that name no one record (MIC §9)', () => {
  it("does not tell a manager of another 課等 the file a clerk imported, nor what a clerk searched for", async () => {
    await loginAs(app, people.clerk);
    const file = path.join(app.dir, '国民健康保険被保険者台帳.csv');
    expect(await importCsv(app, file, '名称,部署名,利用目的,件数,媒体,保管期限\r\n国民健康保険被保険者台帳,市民課,保険給付,120,紙,永年\r\n')).toEqual({ created: 1 });
    await app.ok('holdings.list', { text: '国民健康保険' });
    await makeTaxManager(app, departments.tax);

    await loginAs(app, taxManager);
    // Not even that they happened (issue #9 item 3): a manager reads their own 課等's events.
    const rows = (await app.ok('audit.query', { pageSize: 200 })).rows;
    expect(rows.filter((e) => e.actorName === people.clerk.displayName)).toEqual([]);
    expect(JSON.stringify(rows)).not.toContain('国民健康保険');
    await reauth(app, taxManager.password);
    app.saveAnswer.path = path.join(app.outDir, 'tax.csv');
    await app.ok('audit.exportCsv', {});
    expect(readFileSync(app.saveAnswer.path, 'utf8')).not.toContain('国民健康保険');

    // The clerk's own manager, and the chief, read them in full.
    for (const reader of [people.manager, chief]) {
      await loginAs(app, reader);
      const own = (await app.ok('audit.query', { action: 'holdings.import', pageSize: 10 })).rows[0]!;
      expect(lines(own)).toEqual(expect.arrayContaining(['ファイル: 国民健康保険被保険者台帳.csv', '登録件数: 1']));
    }
  });
});

describe('access log: a holding moved between 課等', () => {
  it('is read by the 課等 that holds it now: its old events, 照合依頼 included, leave the manager of the 課等 it left', async () => {
    await loginAs(app, chief);
    const officerId = (await app.ok('users.list', {})).find((u) => u.loginId === people.officer.loginId)!.id;
    await loginAs(app, people.clerk);
    const h = await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: 'R8-0009', name: '移管される台帳' }));
    await app.ok('holdings.requestVerification', { holdingId: h.id, verifierUserId: officerId });
    await makeTaxManager(app, departments.tax);
    const about = async (person: { loginId: string; password: string }) => {
      await loginAs(app, person);
      return (await app.ok('audit.query', { targetType: 'holding', pageSize: 200 })).rows.filter((e) => e.targetId === String(h.id));
    };
    expect((await about(people.manager)).find((e) => e.action === 'holdings.requestVerification')!.target).toEqual({ number: 'R8-0009', name: '移管される台帳' });
    expect(await about(taxManager)).toEqual([]);

    await loginAs(app, chief);
    await app.ok('holdings.update', { holdingId: h.id, version: h.version, fields: holdingInput(departments.tax, { ledgerNo: 'R8-0009', name: '移管される台帳' }) });
    // What 市民課's clerk did stays in 市民課's log, without the holding's name or detail; the
    // chief's move is 税務課's business now.
    const left = await about(people.manager);
    expect(left.map((e) => e.action).sort()).toEqual(['holdings.create', 'holdings.requestVerification']);
    expect(left.every((e) => e.target === null && lines(e).join() === '他の課等の記録のため、詳細は表示されません')).toBe(true);
    expect(JSON.stringify(left)).not.toContain('移管される台帳');
    expect((await about(taxManager)).find((e) => e.action === 'holdings.update')!.words.map((p) => sayPhrase(p, say))).toContain('担当課等: 市民課 → 税務課');
  });
});

describe('access log: crafted and old details', () => {
  it('reads a detail key named like a property of every object (toString, constructor, __proto__) as 「その他」', () => {
    const e = described(JSON.parse('{"toString":"x","constructor":"y","__proto__":{"hasOwnProperty":"z"},"valueOf":"<b>w</b>"}') as Record<string, unknown>);
    for (const p of e.words) expect(p.label).toEqual({ key: 'auditDetail.other' });
    expect(lines(e).sort()).toEqual(['その他: <b>w</b>', 'その他: x', 'その他: y', 'その他: z'].sort());
    // Inside a change list and as a mapped field too.
    const change = described({ changes: [{ field: 'toString', before: 'a', after: 'b' }] });
    expect(lines(change)).toEqual(['その他: a → b']);
  });

  it('keeps the screen and the CSV working when an insider with the key slips such an event into the log', async () => {
    await loginAs(app, chief);
    await app.ok('auth.logout');
    const db = openWithRawKey(path.join(app.dir, 'daicho.db'), databaseKeyFromPassword(path.join(app.dir, 'keyring.json'), chief.loginId, chief.password));
    const head = db.prepare('SELECT seq, at FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; at: string };
    db.prepare('INSERT INTO audit_events (seq, at, actor_user_id, actor_name, action, target_type, target_id, detail, hash) VALUES (?, ?, NULL, ?, ?, NULL, NULL, ?, zeroblob(32))').run(
      head.seq + 1,
      head.at,
      '=HYPERLINK("http://x")',
      'toString',
      '{"constructor":"=1+2","toString":{"valueOf":"<script>"}}',
    );
    db.close();
    await loginAs(app, chief);
    const forged = (await app.ok('audit.query', { pageSize: 200 })).rows.find((e) => e.seq === head.seq + 1)!;
    expect(lines(forged).sort()).toEqual(['その他: <script>', 'その他: =1+2'].sort());
    await reauth(app, chief.password);
    app.saveAnswer.path = path.join(app.outDir, 'log.csv');
    await app.ok('audit.exportCsv', {});
    const row = parseCsv(readFileSync(app.saveAnswer.path, 'utf8').slice(1)).find((r) => r[0] === String(head.seq + 1))!;
    expect(row[3]).toBe(`'=HYPERLINK("http://x")`);
    expect(row[8]).toMatch(/^その他: /);
    // The forgery itself is what the chain check reports.
    expect((await app.ok('audit.verify')).ok).toBe(false);
  });

  it('says an old event’s 保存期限 (recorded as retentionUntil before migration 0004) as 保存期限, not 「その他」', () => {
    expect(lines(described({ changes: [{ field: 'retentionUntil', before: '2030-03-31', after: '2031-03-31' }] }))).toEqual(['保存期限: 2030-03-31 → 2031-03-31']);
    expect(lines(described({ retentionUntil: '2031-03-31' }, 'holdings.create'))).toEqual(['保存期限: 2031-03-31']);
  });
});
