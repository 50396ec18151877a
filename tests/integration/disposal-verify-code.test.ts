import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../db/core/audit';
import type { Tx } from '../../db/core/appCore';
import { currentCode, formatCode, parseCode, sealVerificationCode } from '../../db/features/disposal/verificationCode';
import { checkCodeAs } from '../../db/features/disposal/verify';
import type { Db } from '../../db/store/database';
import { chief, kitDatabasePerTest, type KitDatabase } from './support/ledgerDb';

/**
 * Checking a paper certificate's code against the ledger (issue #11 item 6), on a real
 * SQLCipher database with the access log written as the app writes it: a record as certified,
 * one changed since by an insider's SQL, an amended one, a made-up code, a forged one, another
 * organisation's, and an approval event rewritten or deleted.
 */
const newKit = kitDatabasePerTest();

const otherClerk = { userId: 1, name: '田中 花子', role: 'clerk' as const, departmentId: 2 };
const sameClerk = { userId: 1, name: '田中 花子', role: 'clerk' as const, departmentId: 1 };

function organisation(): KitDatabase {
  const kit = newKit();
  kit.db.prepare(`INSERT INTO departments (id, name, created_at) VALUES (2, '税務課', '2026-01-01T00:00:00Z')`).run();
  // The log does not start with the approval: its chain position has an event before it.
  kit.write((tx) => appendAuditEvent(tx.db, tx.at, { userId: 3, name: '佐藤 一郎' }, { action: 'auth.login' }));
  return kit;
}

function event(tx: Tx, action: string, id: number, detail: Record<string, unknown> = {}): void {
  appendAuditEvent(tx.db, tx.at, { userId: 3, name: '佐藤 一郎' }, { action, targetType: 'disposal', targetId: id, detail });
}

/** A record approved the way the approval does it: number, seal, status, then its event (next in the chain). */
function approved(kit: KitDatabase, certificateNo: string, amends: number | null = null): { id: number; code: string } {
  return kit.write((tx) => {
    const { lastInsertRowid } = tx.db
      .prepare(
        `INSERT INTO disposals (department_id, nist_class, method, method_detail, performed_on, place_kind, operator_id, witness_ids, result,
           targets, amends_id, amendment_reason, created_by, last_edited_by, created_at, updated_at)
         VALUES (1, 'destroy', 'physical', '穿孔機で3か所', '2026-11-20', 'onSite', 1, '[2]', 'completed',
           '[{"kind":"paper","description":"申請書","quantity":3,"unit":"箱"}]', ?, ?, 1, 1, ?, ?)`,
      )
      .run(amends, amends ? '数量の誤り' : '', tx.at, tx.at);
    const id = Number(lastInsertRowid);
    tx.db.prepare('UPDATE disposals SET certificate_no = ?, approved_by = 3, approved_at = ?, approved_on = ? WHERE id = ?').run(certificateNo, tx.at, '2026-11-22', id);
    const code = sealVerificationCode(tx, id);
    tx.db.prepare("UPDATE disposals SET status = 'approved' WHERE id = ?").run(id);
    if (amends) tx.db.prepare("UPDATE disposals SET status = 'amended' WHERE id = ?").run(amends);
    // The approval's event holds the code, as approval.ts logs it (the check reads it from the chain).
    event(tx, 'disposal.approve', id, { certificateNo, verificationCode: code });
    return { id, code };
  });
}

const withoutTriggers = (db: Db, table: string) => {
  db.exec(`DROP TRIGGER ${table}_no_update; DROP TRIGGER ${table}_no_delete;`);
};

describe('checking a certificate code', () => {
  it('finds an approved record as certified, however the code was typed', () => {
    const kit = organisation();
    const { id, code } = approved(kit, 'R8-0001');
    const fullWidth = code.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    for (const typed of [code, code.toLowerCase(), fullWidth, code.replaceAll('-', 'ー')]) {
      expect(checkCodeAs(kit.db, chief, typed)).toMatchObject({ outcome: 'valid', code, disposalId: id, certificateNo: 'R8-0001', status: 'approved', hidden: false, amendedBy: null });
    }
  });

  it('reports a record changed after certification (an insider\'s SQL) as altered', () => {
    const kit = organisation();
    const { id, code } = approved(kit, 'R8-0001');
    kit.db.prepare("UPDATE disposals SET method_detail = '穿孔せず' WHERE id = ?").run(id);
    expect(checkCodeAs(kit.db, chief, code)).toMatchObject({ outcome: 'altered', disposalId: id });
  });

  it('computes another code when any certified field changes, and the same one when it is put back', () => {
    const kit = organisation();
    const { id, code } = approved(kit, 'R8-0001');
    expect(currentCode(kit.db, id)).toBe(code);
    const changes: [column: string, value: string | number][] = [
      ['method_detail', '穿孔せず'], ['nist_class', 'purge'], ['method', 'degauss'], ['performed_on', '2026-11-21'],
      ['place_kind', 'contractor'], ['operator_id', 2], ['witness_ids', '[1]'], ['contractor_name', '別の業者'],
      ['result', 'exception'], ['targets', '[{"kind":"paper","description":"申請書","quantity":4,"unit":"箱"}]'],
      ['remarks', '追記'], ['approved_by', 1], ['approved_at', '2026-11-23T00:00:00.000Z'], ['department_id', 2], ['chain_seq', 99],
    ];
    for (const [column, value] of changes) {
      const before = kit.db.prepare(`SELECT ${column} FROM disposals WHERE id = ?`).pluck().get(id);
      kit.db.prepare(`UPDATE disposals SET ${column} = ? WHERE id = ?`).run(value, id);
      expect(currentCode(kit.db, id), column).not.toBe(code);
      kit.db.prepare(`UPDATE disposals SET ${column} = ? WHERE id = ?`).run(before, id);
      expect(currentCode(kit.db, id), column).toBe(code);
    }
    // Not content: the status, the version and the envelope's times leave the code as it was.
    kit.db.prepare("UPDATE disposals SET status = 'amended', version = version + 1, updated_at = '2027-01-01T00:00:00.000Z' WHERE id = ?").run(id);
    expect(currentCode(kit.db, id)).toBe(code);
  });

  it('reports an amended record as amended, naming the correction', () => {
    const kit = organisation();
    const original = approved(kit, 'R8-0001');
    const correction = approved(kit, 'R8-0002', original.id);
    const check = checkCodeAs(kit.db, chief, original.code);
    expect(check).toMatchObject({ outcome: 'amended', disposalId: original.id, status: 'amended' });
    expect(check.amendedBy).toMatchObject({ id: correction.id, certificateNo: 'R8-0002' });
    expect(checkCodeAs(kit.db, chief, correction.code)).toMatchObject({ outcome: 'valid', disposalId: correction.id });
  });

  it('refuses a made-up code as malformed, and an unknown number as not found', () => {
    const kit = organisation();
    const { code } = approved(kit, 'R8-0001');
    expect(checkCodeAs(kit.db, chief, 'ABCD-R8-0001-AAAA-AAAA-AAAA-AAAA-AA')).toMatchObject({ outcome: 'malformed', disposalId: null });
    expect(checkCodeAs(kit.db, chief, 'R8-0001')).toMatchObject({ outcome: 'malformed' });
    const parsed = parseCode(code)!;
    expect(checkCodeAs(kit.db, chief, formatCode(parsed.tag, 'R8-0099', parsed.mac))).toMatchObject({ outcome: 'notFound', disposalId: null });
  });

  it('reports a code with one wrong character and a recomputed check as forged', () => {
    const kit = organisation();
    const { code } = approved(kit, 'R8-0001');
    const parsed = parseCode(code)!;
    const wrong = parsed.mac[0] === 'A' ? 'B' : 'A';
    const forged = formatCode(parsed.tag, parsed.certificateNo, wrong + parsed.mac.slice(1));
    expect(checkCodeAs(kit.db, chief, forged)).toMatchObject({ outcome: 'forged', disposalId: null, certificateNo: null });
  });

  it("tells another organisation's code apart by its tag", () => {
    const ours = organisation();
    const theirs = organisation();
    approved(ours, 'R8-0001');
    const { code } = approved(theirs, 'R8-0001');
    expect(checkCodeAs(ours.db, chief, code)).toMatchObject({ outcome: 'otherOrganization', disposalId: null });
  });

  it('reports a rewritten or deleted approval event as altered', () => {
    const kit = organisation();
    const first = approved(kit, 'R8-0001');
    const second = approved(kit, 'R8-0002');
    withoutTriggers(kit.db, 'audit_events');
    const seqOf = (id: number) => kit.db.prepare('SELECT chain_seq FROM disposals WHERE id = ?').pluck().get(id) as number;
    kit.db.prepare("UPDATE audit_events SET target_id = '999' WHERE seq = ?").run(seqOf(first.id));
    expect(checkCodeAs(kit.db, chief, first.code)).toMatchObject({ outcome: 'altered' });
    kit.db.prepare('DELETE FROM audit_events WHERE seq = ?').run(seqOf(second.id));
    expect(checkCodeAs(kit.db, chief, second.code)).toMatchObject({ outcome: 'altered' });
  });

  it('rewriting the event before the approval breaks the chain too', () => {
    const kit = organisation();
    const { id, code } = approved(kit, 'R8-0001');
    withoutTriggers(kit.db, 'audit_events');
    const seq = kit.db.prepare('SELECT chain_seq FROM disposals WHERE id = ?').pluck().get(id) as number;
    kit.db.prepare('UPDATE audit_events SET hash = randomblob(32) WHERE seq = ?').run(seq - 1);
    expect(checkCodeAs(kit.db, chief, code)).toMatchObject({ outcome: 'altered' });
  });

  it("tells another 課等's reader the outcome but not the record (MIC §9)", () => {
    const kit = organisation();
    const { id, code } = approved(kit, 'R8-0001');
    expect(checkCodeAs(kit.db, otherClerk, code)).toEqual({
      outcome: 'valid', code, disposalId: null, certificateNo: null, status: null, approvedAt: null, hidden: true, amendedBy: null,
    });
    expect(checkCodeAs(kit.db, sameClerk, code)).toMatchObject({ outcome: 'valid', disposalId: id, hidden: false });
  });
});
