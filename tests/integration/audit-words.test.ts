import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../db/contract';
import { auditActionKinds, auditActions, type AuditAction } from '../../db/contract/auditActions';
import { sayPhrase, sayTarget } from '../../db/contract/auditWords';
import { describeAuditEvents, AuditVocabulary } from '../../db/core/auditWords';
import { parseCsv } from '../../db/ledger/csv/decode';
import { holdingAuditTarget } from '../../db/features/holdings/auditWords';
import { hasJapaneseLabel } from '../../db/print/labels';
import { lines, makeTaxManager, say, taxManager } from './support/auditWords';
import { chief, reauth, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const ledgerName = '国民健康保険被保険者台帳';

/** A clerk of 市民課 registers a holding, changes where it is kept, opens it and searches. */
async function clerkEditsAHolding(): Promise<number> {
  await loginAs(app, people.clerk);
  const created = await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: 'R8-0001', name: ledgerName, storageLocation: '書庫A' }));
  await app.ok('holdings.update', {
    holdingId: created.id,
    version: created.version,
    fields: holdingInput(departments.citizens, { ledgerNo: 'R8-0001', name: ledgerName, storageLocation: '書庫B', containsSensitive: true }),
  });
  await app.ok('holdings.get', { holdingId: created.id });
  await app.ok('holdings.list', { departmentId: departments.citizens, text: '国保', direction: 'desc' });
  await app.ok('holdings.usage.add', { holdingId: created.id, kind: 'copy', usedOn: '2026-11-21', personName: '田中 花子', purpose: '窓口交付', count: 3, note: '' });
  return created.id;
}

async function eventsOf(action: string): Promise<AuditEvent[]> {
  return (await app.ok('audit.query', { action, pageSize: 200 })).rows.filter((e) => e.action === action);
}

describe('access log: 詳細 in words', () => {
  it("names the target by 管理番号 and name and says each detail in the screen's words", async () => {
    const id = await clerkEditsAHolding();
    await loginAs(app, people.manager);
    const [update] = await eventsOf('holdings.update');
    expect(update!.target).toEqual({ number: 'R8-0001', name: ledgerName });
    expect(sayTarget(update!.target)).toBe(`R8-0001 ${ledgerName}`);
    expect(lines(update!)).toEqual(expect.arrayContaining(['保管場所: 書庫A → 書庫B', '要配慮個人情報を含む: × → 〇', '版: 2', '照合済みの内容を変更: ×']));
    // The 管理番号 stands in 対象 once, not again in 詳細.
    expect(lines(update!).some((l) => l.startsWith('管理番号'))).toBe(false);

    // A read of one record names it too (the channel declares its target), without its id as a detail.
    const [view] = await eventsOf('holdings.view');
    expect(view).toMatchObject({ targetType: 'holding', targetId: String(id), target: { number: 'R8-0001', name: ledgerName }, words: [] });
    const [list] = await eventsOf('holdings.list');
    expect(lines(list!)).toEqual(['担当課等: 市民課', '検索語: 国保', '並び順: 管理番号', '順序: 降順']);
    const [created] = await eventsOf('holdings.create');
    expect(lines(created!)).toEqual(expect.arrayContaining([`個人情報ファイルの名称: ${ledgerName}`, '担当課等: 市民課', '媒体: 電子', '記録項目: 氏名、住所、生年月日', '保存期限: 2031-03-31']));
    expect(lines(created!).some((l) => l.includes('→'))).toBe(false);
    const [usage] = await eventsOf('holdings.usage.add');
    expect(lines(usage!)).toEqual(['区分: 複製', '日付: 2026-11-21', '取扱者: 田中 花子', '目的: 窓口交付', '件数: 3']);
  });

  it('says accounts, settings, sessions and the log itself in words, with no key of the code left', async () => {
    await clerkEditsAHolding();
    await loginAs(app, chief);
    await reauth(app, chief.password);
    await app.ok('settings.update', { idleLockMinutes: 10, reason: '窓口業務のため' });
    await app.ok('session.lock');
    await app.ok('session.unlock', { password: chief.password });
    await app.ok('audit.query', { action: 'holdings.update', changesOnly: true, from: '2026-11-01' });
    const { rows } = await app.ok('audit.query', { pageSize: 200 });
    const byAction = (a: string) => rows.find((e) => e.action === a)!;
    expect(lines(byAction('settings.update'))).toEqual(['理由: 窓口業務のため', '安全性を下げた項目: 自動ロックまでの時間を延ばす', '自動ロックまでの時間（分）: 5 → 10']);
    expect(lines(byAction('session.lock'))).toEqual(['理由: ロックボタン']);
    expect(byAction('user.create').target).toMatchObject({ number: expect.any(String), name: expect.any(String) });
    expect(lines(rows.find((e) => e.action === 'user.create' && e.target?.number === people.manager.loginId)!)).toEqual(
      expect.arrayContaining([`ログインID: ${people.manager.loginId}`, '役割: 保護管理者', '課等: 市民課', '事務取扱担当者: ×']),
    );
    expect(lines(byAction('audit.view'))).toEqual(['期間（開始）: 2026-11-01', '操作: 台帳の変更', '変更のみ: 〇']);
    expect(byAction('department.create').target).toEqual({ number: null, name: expect.any(String) });
    // Every label is a word of the locale data, and no line starts with a key of the code.
    for (const e of rows) {
      for (const p of e.words) {
        expect(p.label && 'key' in p.label && hasJapaneseLabel(p.label.key), `${e.action} ${JSON.stringify(p.label)}`).toBe(true);
        expect(p.label, `${e.action}: a key without its own words`).not.toEqual({ key: 'auditDetail.other' });
      }
      for (const l of lines(e)) expect(l, e.action).not.toMatch(/^[A-Za-z_]+:|\{"|\[object/);
    }
  });

  it('falls back to a readable label for a key it does not know, without failing', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE users (id INTEGER PRIMARY KEY, display_name TEXT);');
    const stored = { seq: 1, at: '2026-11-22T01:00:00.000Z', actorUserId: null, actorName: 'x', hash: '0', targetType: 'holding', targetId: 'abc', action: 'holdings.someday' };
    const [e] = describeAuditEvents(db, [{ ...stored, detail: { mysteryKey: 'x', nested: { deeper: [1, { odd: true }] }, when: '2026-11-22' } }], { role: 'chief', departmentId: 1 }, new AuditVocabulary([holdingAuditTarget]));
    db.close();
    expect(e!.target).toBeNull();
    expect(e!.words.map((p) => sayPhrase(p, say))).toEqual(['その他: x', 'その他: 1、〇', 'その他: 2026-11-22']);
  });

  it("says a kept draft's form and fields, a remembered import mapping and a verification request in words", () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE users (id INTEGER PRIMARY KEY, display_name TEXT);');
    const stored = { seq: 1, at: '2026-11-22T01:00:00.000Z', actorUserId: 2, actorName: '田中 花子', hash: '0', targetId: null };
    const events = [
      { ...stored, action: 'draft.keep', targetType: 'user', detail: { formId: 'holdings.edit', recordId: 4, droppedFields: ['storageLocation', 'somethingNew'] } },
      { ...stored, action: 'importMapping.save', targetType: 'import_mapping', detail: { ledger: 'holdings', mapping: { 課名: 'departmentId', 保管庫: 'storageLocation' } } },
      { ...stored, action: 'holdings.requestVerification', targetType: 'holding', detail: { ledgerNo: 'R8-0001', requestedOfUserId: 3, requestedOf: '鈴木 次郎' } },
    ];
    const described = describeAuditEvents(db, events, { role: 'chief', departmentId: 1 }, new AuditVocabulary([holdingAuditTarget]));
    db.close();
    expect(described.map((e) => e.words.map((p) => sayPhrase(p, say)))).toEqual([
      ['入力画面: 台帳の編集', '保持できなかった項目: 保管場所、somethingNew'],
      ['課名: 担当課等', '保管庫: 保管場所'],
      ['管理番号: R8-0001', '照合の依頼先: 鈴木 次郎'],
    ]);
  });
});

describe('access log: department scope (MIC §9)', () => {
  it("never tells a manager of another 課等 a holding's name, number or changes — on screen or in CSV", async () => {
    const id = await clerkEditsAHolding();
    await makeTaxManager(app, departments.tax);
    await loginAs(app, taxManager);
    // Not even that the events exist (issue #9 item 3): a manager reads their own 課等's log.
    const { rows, total } = await app.ok('audit.query', { targetType: 'holding', pageSize: 200 });
    expect(rows.filter((e) => e.targetId === String(id))).toEqual([]);
    expect(total).toBe(rows.length);
    const everything = JSON.stringify((await app.ok('audit.query', { pageSize: 200 })).rows);
    expect(everything).not.toContain(ledgerName);
    expect(everything).not.toContain('書庫B');
    expect(everything).not.toContain('R8-0001');
    await reauth(app, taxManager.password);
    app.saveAnswer.path = path.join(app.outDir, 'tax.csv');
    await app.ok('audit.exportCsv', {});
    const csv = readFileSync(app.saveAnswer.path, 'utf8');
    expect(csv).not.toContain(ledgerName);
    expect(csv).not.toContain('書庫B');
    // The manager of the holding's own 課等 reads it all.
    await loginAs(app, people.manager);
    const [own] = await eventsOf('holdings.update');
    expect(own!.target).toEqual({ number: 'R8-0001', name: ledgerName });
  });

  it("reads a renamed holding under its current name; the rename itself says the old one", async () => {
    const id = await clerkEditsAHolding();
    const current = (await app.ok('holdings.get', { holdingId: id })).holding;
    await app.ok('holdings.update', { holdingId: id, version: current.version, fields: holdingInput(departments.citizens, { ledgerNo: 'R8-0001', name: '国保台帳', storageLocation: '書庫B', containsSensitive: true }) });
    await loginAs(app, chief);
    const [rename, firstUpdate] = await eventsOf('holdings.update');
    expect(lines(rename!)).toContain(`個人情報ファイルの名称: ${ledgerName} → 国保台帳`);
    expect(firstUpdate!.target).toEqual({ number: 'R8-0001', name: '国保台帳' });
  });
});

describe('access log: changes only', () => {
  const isChange = (a: string) => auditActionKinds[a as AuditAction] === 'change';

  it('keeps only the actions that change data, filtered and paged in SQL', async () => {
    await clerkEditsAHolding();
    await loginAs(app, people.clerk);
    for (const n of [2, 3, 4]) await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: `R8-000${n}`, name: `台帳${n}` }));
    await loginAs(app, chief);
    const all = (await app.ok('audit.query', { pageSize: 200 })).rows;
    const changes = all.filter((e) => isChange(e.action)).map((e) => e.seq);
    expect(all.some((e) => e.action === 'auth.login')).toBe(true);
    expect(all.some((e) => e.action === 'holdings.view')).toBe(true);
    const pages: number[] = [];
    let total = 0;
    for (let page = 1; ; page++) {
      const result = await app.ok('audit.query', { changesOnly: true, page, pageSize: 4 });
      total = result.total;
      expect(result.rows.every((e) => isChange(e.action)), `page ${page}`).toBe(true);
      pages.push(...result.rows.map((e) => e.seq));
      if (result.rows.length < 4) break;
    }
    // Events about accounts and holdings stay put while reading adds audit.view events.
    expect(total).toBe(changes.length);
    expect(pages).toEqual(changes);
    // With another filter, and as the whole list of a kind.
    const holdingChanges = await app.ok('audit.query', { changesOnly: true, targetType: 'holding', pageSize: 200 });
    expect(holdingChanges.rows.map((e) => e.action)).toEqual(expect.arrayContaining(['holdings.create', 'holdings.update', 'holdings.usage.add']));
    expect(holdingChanges.rows.some((e) => e.action === 'holdings.view')).toBe(false);
    expect(auditActions.filter(isChange)).toEqual(expect.arrayContaining(['holdings.update', 'user.create', 'settings.update']));
    expect(auditActions.filter(isChange)).not.toEqual(expect.arrayContaining(['auth.login']));
  });

  it('refuses a filter that is not yes or no, and records nothing for it', async () => {
    await loginAs(app, chief);
    const before = (await app.ok('audit.query', {})).total;
    const bad = await app.fail('audit.query', { changesOnly: 'yes' as never });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.issues?.[0]?.path).toEqual(['changesOnly']);
    // Only the one successful read above was added.
    expect((await app.ok('audit.query', {})).total).toBe(before + 1);
  });
});

describe('access log CSV', () => {
  it("writes the organisation's time and the screen's words, formulas defused", async () => {
    await loginAs(app, people.clerk);
    const h = await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: '=1+2', name: ledgerName, storageLocation: '書庫A' }));
    // 00:36 UTC on 23 November is 09:36 in Japan.
    app.clock.advance(Date.parse('2026-11-23T00:36:00Z') - app.clock.now());
    await app.ok('holdings.update', { holdingId: h.id, version: h.version, fields: holdingInput(departments.citizens, { ledgerNo: '=1+2', name: ledgerName, storageLocation: '書庫B' }) });
    await loginAs(app, chief);
    await reauth(app, chief.password);
    app.saveAnswer.path = path.join(app.outDir, 'log.csv');
    await app.ok('audit.exportCsv', { changesOnly: true });
    const [header, ...rows] = parseCsv(readFileSync(app.saveAnswer.path, 'utf8').slice(1)).filter((r) => r.length > 1);
    expect(header).toEqual(['連番', '日時', '利用者ID', '利用者', '操作', '対象種別', '対象ID', '対象', '詳細', 'ハッシュ']);
    const update = rows.find((r) => r[4] === '台帳の変更')!;
    expect(update[1]).toBe('2026-11-23T09:36:00.000+09:00');
    expect(update[5]).toBe('保有個人情報等台帳');
    expect(update[7]).toBe(`'=1+2 ${ledgerName}`);
    expect(update[8]).toContain('保管場所: 書庫A → 書庫B');
    // Changes only: no login, no read in the file.
    expect(rows.some((r) => r[4] === 'ログイン' || r[4] === '保有個人情報等台帳の閲覧')).toBe(false);
    const text = rows.map((r) => r[8]).join('\n');
    expect(text).not.toMatch(/storageLocation|ledgerNo|\{"/);
    // The export's own event says its filters in words.
    const [exported] = await eventsOf('audit.export');
    expect(lines(exported!)).toEqual(expect.arrayContaining(['変更のみ: 〇', '件数: ' + rows.length, 'ファイル: log.csv']));
  });
});
