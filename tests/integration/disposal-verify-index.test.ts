import { describe, expect, it } from 'vitest';
import { approvalsOfNumberSql, approvalsOfRecordSql } from '../../db/features/disposal/verify';
import { kitDatabasePerTest } from './support/ledgerDb';

/**
 * Checking a paper certificate reads the approval events of a record and of a 証明書番号 from the
 * access log. They come from partial indexes of the approval events (migration 0020): the log's
 * other events enter no index (0001), and a check never walks a log of a million events.
 */
const kitDatabase = kitDatabasePerTest();

const planOf = (sql: string) => {
  const { db } = kitDatabase();
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('1') as { detail: string }[]).map((r) => r.detail).join(' | ');
};

describe('the code check’s reads of the access log', () => {
  it('find a record’s approval events through the partial index', () => {
    expect(planOf(approvalsOfRecordSql)).toMatch(/USING INDEX audit_events_disposal_approvals/);
  });

  it('find a 証明書番号’s approval events through the partial index', () => {
    expect(planOf(approvalsOfNumberSql)).toMatch(/USING INDEX audit_events_disposal_certificates/);
  });

  it('are partial: only approval events enter them, so every other audited commit writes no index page', () => {
    const { db } = kitDatabase();
    const definitions = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_events' AND sql IS NOT NULL").pluck().all() as string[];
    expect(definitions).toHaveLength(2);
    for (const sql of definitions) expect(sql).toMatch(/WHERE action = 'disposal\.approve'$/);
  });
});
