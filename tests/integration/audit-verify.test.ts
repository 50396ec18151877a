import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appendAuditEvent, eventContent } from '../../db/core/audit';
import { eventContentSql, verifyChain, verifyChainParallel } from '../../db/core/auditVerify';
import { openEncryptedDatabase } from '../../db/store/database';

function logWith(events: number) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'daicho-verify-')), 'daicho.db');
  const key = randomBytes(32);
  const db = openEncryptedDatabase(file, key, { create: true });
  db.transaction(() => {
    for (let i = 0; i < events; i++) {
      appendAuditEvent(db, new Date(1_790_000_000_000 + i * 1000).toISOString(), { userId: i % 5 || null, name: `職員${i % 5}` }, {
        action: 'entrylog.create',
        targetType: i % 7 ? 'entry_log' : null,
        targetId: i % 3 ? i : null,
        detail: { note: `入室 "${i}" \\ 改行\n終わり 😀`, n: i },
      });
    }
  })();
  return { db, file, key };
}

describe('chain verification', () => {
  it('builds the same content in SQL as the documented JSON.stringify form', () => {
    const { db } = logWith(50);
    const rows = db.prepare(`SELECT seq, at, actor_user_id, actor_name, action, target_type, target_id, detail, ${eventContentSql} AS content FROM audit_events`).all() as {
      seq: number; at: string; actor_user_id: number | null; actor_name: string; action: string; target_type: string | null; target_id: string | null; detail: string; content: string;
    }[];
    for (const r of rows) {
      expect(r.content).toBe(eventContent(r.seq, r.at, r.actor_user_id, r.actor_name, r.action, r.target_type, r.target_id, r.detail));
    }
    db.close();
  });

  it('gives the same answer with worker threads as in one thread, and finds a break in a later range', async () => {
    const { db, file, key } = logWith(4000);
    // The parallel path falls back to one thread with a logged error; it must not here.
    const fallback = vi.spyOn(console, 'error');
    const single = verifyChain(db);
    expect(single).toMatchObject({ ok: true, checked: 4000, headSeq: 4000 });
    expect(await verifyChainParallel(db, file, key, 1000)).toEqual(single);
    db.exec('DROP TRIGGER audit_events_no_update');
    db.prepare(`UPDATE audit_events SET actor_name = '別人' WHERE seq = 3001`).run();
    const broken = await verifyChainParallel(db, file, key, 1000);
    expect(broken).toMatchObject({ ok: false, checked: 3000, headSeq: 3000, firstBroken: { seq: 3001, reason: 'hash' } });
    expect(broken).toEqual(verifyChain(db));
    expect(fallback).not.toHaveBeenCalled();
    fallback.mockRestore();
    db.close();
  });
});
