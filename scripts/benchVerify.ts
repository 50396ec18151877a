/**
 * `BENCH=verify npm run bench` (issue #9, item 5): 改ざん検査 of a log of 1,000,000 events
 * that includes the creation of 100,000 holdings, with reconciliation of every holding and
 * history row, in one thread and with worker threads. Target ≥ 300,000 events/s.
 * BENCH_EVENTS and BENCH_HOLDINGS set smaller sizes for a quick run.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { HoldingFields } from '../db/contract';
import type { Tx } from '../db/core/appCore';
import { appendAuditEvent, type AuditEntry } from '../db/core/audit';
import { withFindings } from '../db/core/auditFindings';
import { verifyChain, verifyChainParallel } from '../db/core/auditVerify';
import { settleStatePins } from '../db/core/statePins';
import { insertHolding } from '../db/features/holdings/rules';
import { ledgerRowChecks } from '../db/ledger/reconcile';
import { openEncryptedDatabase, type Db } from '../db/store/database';
import type { Format, Line } from './benchSupport';

const actor = { userId: 1, name: '田中 花子' };
const ledgerActor = { ...actor, role: 'clerk' as const, departmentId: 1 };

function fields(i: number): HoldingFields {
  return {
    ledgerNo: `B-${i}`, name: `住民基本台帳ファイル ${i}`, departmentId: 1, owner: '市民課長', handlers: ['田中 花子'],
    purpose: '住民基本台帳法に基づく住民の居住関係の公証', recordItems: ['氏名', '住所', '生年月日'], recordScope: '市民',
    collectionMethod: '届出', subjectCount: 3000 + i, subjectCountApproximate: true, containsSensitive: false, containsMyNumber: false,
    medium: 'electronic', storageLocation: 'サーバ室', storageMethod: '暗号化', authorizedPersons: ['市民課職員'], recipients: [],
    contractors: [], foreignHandling: '', useUntil: null, retention: null, disposalMethod: '上書き消去', remarks: '',
  };
}

/** One transaction as AppCore.write makes it: its events, then the row states settled. */
function write(db: Db, at: string, change: (tx: Tx) => void): void {
  db.transaction(() => {
    change({ db, at, audit: (entry: AuditEntry) => void appendAuditEvent(db, at, actor, entry), afterCommit: (action) => action() });
    settleStatePins(db, (entry) => appendAuditEvent(db, at, actor, entry));
  }).immediate();
}

function build(db: Db, events: number, holdings: number): void {
  db.exec(`INSERT INTO departments (id, name, created_at) VALUES (1, '市民課', '2026-01-01T00:00:00Z');
    INSERT INTO users (id, login_id, display_name, role, department_id, created_at) VALUES (1, 'tanaka', '田中 花子', 'clerk', 1, '2026-01-01T00:00:00Z');`);
  const at = (i: number) => new Date(1_790_000_000_000 + i * 1000).toISOString();
  // Holdings and other events interleaved, as an office's log is; 5,000 per transaction.
  const others = events - holdings;
  let h = 0;
  let o = 0;
  while (h < holdings || o < others) {
    write(db, at(h + o), (tx) => {
      for (let k = 0; k < 5_000 && (h < holdings || o < others); k++) {
        if (h < holdings && (o >= others || h * others <= o * holdings)) insertHolding(tx, ledgerActor, fields(h++), 'create', '2026-11-22');
        else tx.audit({ action: 'holdings.view', targetType: 'holding', targetId: o++ % Math.max(1, holdings), detail: { query: { holdingId: o } } });
      }
    });
  }
}

/** CPU time of the process (every thread), ms: on a shared machine wall time also counts the others' work. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface Timing {
  wall: number;
  cpu: number;
}

function ms(f: () => void): Timing {
  const [t, c] = [performance.now(), cpuMs()];
  f();
  return { wall: performance.now() - t, cpu: cpuMs() - c };
}

async function msAsync(f: () => Promise<void>): Promise<Timing> {
  const [t, c] = [performance.now(), cpuMs()];
  await f();
  return { wall: performance.now() - t, cpu: cpuMs() - c };
}

export async function benchVerify(line: Line, fmt: Format): Promise<void> {
  const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const holdings = Number(process.env.BENCH_HOLDINGS ?? 100_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'daicho-bench-verify-'));
  try {
    const file = path.join(dir, 'daicho.db');
    const key = randomBytes(32);
    const db = openEncryptedDatabase(file, key, { create: true });
    const buildMs = ms(() => build(db, events, holdings));
    const total = (db.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number) ?? 0;
    line(`build: ${total.toLocaleString()} events, ${holdings.toLocaleString()} holdings`, `${fmt(buildMs.wall / 1000)} s`);
    const rate = (t: number) => `${fmt(total / (t / 1000), 0)} /s`;
    const show = (label: string, t: Timing, target = '') => {
      line(`${label}, wall`, rate(t.wall), target);
      line(`${label}, per CPU second (all threads)`, rate(t.cpu));
    };
    let single = 0;
    const chainOnly = ms(() => {
      single = verifyChain(db).checked;
    });
    if (single !== total) throw new Error('chain did not verify');
    show('chain only, one thread', chainOnly);
    const oneThread = ms(() => {
      const v = withFindings(db, verifyChain(db), dir, key, ledgerRowChecks);
      if (!v.ok) throw new Error(`found: ${JSON.stringify(v.findings?.slice(0, 3))}`);
    });
    show('chain + reconciliation, one thread', oneThread, 'target ≥ 300,000 /s');
    const runs: Timing[] = [];
    for (let i = 0; i < 3; i++) {
      runs.push(
        await msAsync(async () => {
          // As audit.verify runs it: the rows are hashed in this thread while the workers walk the chain.
          const head = db.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number;
          const walking = verifyChainParallel(db, file, key);
          const rows = ledgerRowChecks.snapshot(db, head);
          const v = withFindings(db, await walking, dir, key, ledgerRowChecks, rows);
          if (!v.ok) throw new Error(`found: ${JSON.stringify(v.findings?.slice(0, 3))}`);
        }),
      );
    }
    show('chain + reconciliation, workers (best of 3)', runs.sort((a, b) => a.wall - b.wall)[0]!, 'target ≥ 300,000 /s');
    console.log(`  (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores)`);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
