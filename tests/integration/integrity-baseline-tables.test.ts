import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HoldingFields, MediumFields } from '../../db/contract';
import { withFindings } from '../../db/core/auditFindings';
import { verifyChain } from '../../db/core/auditVerify';
import { insertHolding } from '../../db/features/holdings/rules';
import { insertMedium } from '../../db/features/media/rules';
import { ledgerRowChecks } from '../../db/ledger/reconcile';
import { openEncryptedDatabase, type Db } from '../../db/store/database';
import { databaseAtVersion, kitWrite } from './support/olderDatabase';
import { holdingInput } from './support/holdings';

/**
 * A migration that newly reconciles a table or re-encodes its rows (0015 storage_locations, 0016
 * media_takeouts) re-pins that table only (integrity_baseline.tables): re-pinning every row would
 * launder a holdings or media row edited by SQL before the upgrade (docs/SECURITY.md "Ledger rows").
 * A database that never had its first baseline (from before 0009) still gets a full one.
 */
const seed = `INSERT INTO departments (id, name, created_at) VALUES (1, '市民課', '2025-01-01T00:00:00Z');
  INSERT INTO users (id, login_id, display_name, role, department_id, created_at) VALUES (1, 'suzuki', '鈴木 次郎', 'officer', 1, '2025-01-01T00:00:00Z');`;
const actor = { userId: 1, name: '鈴木 次郎', role: 'officer' as const, departmentId: 1 };
const medium = { mediaNo: 'USB-001', type: 'usb', makeModel: '', serialNo: '', capacity: '', encrypted: 'hardware', departmentId: 1, custodian: '', storageLocationId: null, isBackupMedium: false, registeredAt: '2026-04-01', remarks: '' } satisfies MediumFields;

/** Upgrades the database to the latest schema, runs `test` on it, and removes it. */
function upgraded(older: { dir: string; file: string; key: Buffer; old: Db }, test: (db: Db, check: () => ReturnType<typeof withFindings>) => void): void {
  older.old.close();
  const db = openEncryptedDatabase(older.file, older.key, { create: false });
  try {
    test(db, () => withFindings(db, verifyChain(db), older.dir, older.key, ledgerRowChecks));
  } finally {
    db.close();
    rmSync(older.dir, { recursive: true, force: true });
  }
}

const baselines = (db: Db) => db.prepare("SELECT json_extract(detail, '$.tables') FROM audit_events WHERE action = 'integrity.baseline' ORDER BY seq").pluck().all();
const anyWrite = (db: Db) => kitWrite(db, '鈴木 次郎', (tx) => tx.audit({ action: 'settings.update', detail: {} }));

describe('改ざん検査: a per-table baseline after an upgrade', () => {
  it('still names a holdings row and a media row edited by SQL before the upgrade; the newly reconciled places are not reported', () => {
    const older = databaseAtVersion(11, `${seed}
      INSERT INTO storage_locations (id, name, department_id, created_at, updated_at) VALUES (1, '書庫A', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');`);
    const { old } = older;
    const holdingId = kitWrite(old, '鈴木 次郎', (tx) => insertHolding(tx, actor, holdingInput(1, { ledgerNo: 'R7-0001' }) as HoldingFields, 'create', '2025-06-01'));
    const mediumId = kitWrite(old, '鈴木 次郎', (tx) => insertMedium(tx, actor, medium, '2026-11-22'));
    // As an insider with the key would, with the app closed, before the upgrade.
    old.prepare("UPDATE holdings SET storage_location = '自宅' WHERE id = ?").run(holdingId);
    old.prepare("UPDATE media SET custodian = '持ち帰り' WHERE id = ?").run(mediumId);
    const firstBaseline = old.prepare('SELECT seq FROM integrity_baseline').pluck().get() as number;
    upgraded(older, (db, check) => {
      // 0015 then 0016 each named their table; the full baseline of 0009 was taken long ago.
      expect(db.prepare('SELECT tables FROM integrity_baseline').pluck().get()).toBe('["storage_locations","media_takeouts"]');
      anyWrite(db);
      expect(baselines(db)).toEqual([null, '["storage_locations","media_takeouts"]']);
      // seq stays the first baseline's: a lock after it still means an anchor was written (anchorExpected).
      expect(db.prepare('SELECT seq, tables FROM integrity_baseline').raw().get()).toEqual([firstBaseline, null]);
      const findings = check().findings ?? [];
      expect(findings.map((f) => [f.kind, f.params.ledger, f.params.id])).toEqual([
        ['rowChanged', 'tamperFindings.ledgers.holdings', holdingId],
        ['rowChanged', 'tamperFindings.ledgers.media', mediumId],
      ]);
      // The place that existed before 0015 is pinned now: an edit after the upgrade is reported.
      db.prepare("UPDATE storage_locations SET name = '書庫B' WHERE id = 1").run();
      expect((check().findings ?? []).filter((f) => f.params.ledger === 'tamperFindings.ledgers.storageLocations').map((f) => [f.kind, f.params.id])).toEqual([['historyChanged', 1]]);
    });
  });

  it('gives a database from before 0009 its full baseline: no false finding, every row pinned', () => {
    const older = databaseAtVersion(8, seed);
    const holdingId = kitWrite(older.old, '鈴木 次郎', (tx) => insertHolding(tx, actor, holdingInput(1, { ledgerNo: 'R7-0001' }) as HoldingFields, 'create', '2025-06-01'), true);
    upgraded(older, (db, check) => {
      // 0015 and 0016 leave a full baseline pending as it is.
      expect(db.prepare('SELECT seq, tables FROM integrity_baseline').raw().get()).toEqual([null, null]);
      anyWrite(db);
      expect(baselines(db)).toEqual([null]);
      expect(check()).toMatchObject({ ok: true, findings: [] });
      db.prepare("UPDATE holdings SET storage_location = '自宅' WHERE id = ?").run(holdingId);
      expect((check().findings ?? []).map((f) => [f.kind, f.params.id])).toEqual([['rowChanged', holdingId]]);
    });
  });

  it('replaces only the named tables\' pins: a second write takes no further baseline', () => {
    const older = databaseAtVersion(14, seed);
    kitWrite(older.old, '鈴木 次郎', (tx) => insertMedium(tx, actor, medium, '2026-11-22'));
    upgraded(older, (db, check) => {
      anyWrite(db);
      anyWrite(db);
      expect(baselines(db)).toEqual([null, '["storage_locations","media_takeouts"]']);
      expect(check()).toMatchObject({ ok: true, findings: [] });
    });
  });

  it('reports a baseline the insider called for by hand: of a table no migration names, or of every table again', () => {
    for (const forged of ['["holdings"]', '["storage_locations","holding_history"]', null]) {
      const older = databaseAtVersion(16, seed);
      const holdingId = kitWrite(older.old, '鈴木 次郎', (tx) => insertHolding(tx, actor, holdingInput(1, { ledgerNo: 'R7-0001' }) as HoldingFields, 'create', '2025-06-01'));
      upgraded(older, (db, check) => {
        anyWrite(db);
        expect(check()).toMatchObject({ ok: true, findings: [] });
        // The row edited, then the marker set so that the next write pins it as it stands.
        db.prepare("UPDATE holdings SET storage_location = '自宅' WHERE id = ?").run(holdingId);
        if (forged === null) db.prepare('UPDATE integrity_baseline SET seq = NULL').run();
        else db.prepare('UPDATE integrity_baseline SET tables = ?').run(forged);
        // The app's next session (a connection takes its baseline once).
        const next = openEncryptedDatabase(older.file, older.key, { create: false });
        anyWrite(next);
        next.close();
        const kinds = (check().findings ?? []).map((f) => f.kind);
        expect(kinds, String(forged)).toContain('baselineRepeated');
      });
    }
  });
});
