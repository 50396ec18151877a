/**
 * Issue #3 figures: the holdings ledger at the size offices reach — 100,000 holdings and
 * 1,000,000 usage-log rows — measured at the router (validation, permission, SQL, the
 * audited read's own transaction and fsync, output check).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChannelName } from '../db/contract';
import { searchGrams } from '../db/ledger/search';
import { forgetSearchCounts } from '../db/ledger/searchMemory';
import { holdingCsvColumns } from '../db/features/holdings/csv';
import { openEncryptedDatabase } from '../db/store/database';
import { benchOrganization, inTempDir, openSeed, routerMeasure, type Format, type Line } from './benchSupport';

const subjects = ['住民基本台帳', '国民健康保険', '介護保険', '児童手当', '生活保護', '固定資産税', '住民税', '選挙人名簿', '印鑑登録', '母子健康手帳', '予防接種', '図書館利用者', '市営住宅入居者', '上下水道使用者', '職員給与', '研修受講者', '市民相談', '窓口来庁者', '補助金申請者', '被保険者'];
const kinds = ['ファイル', '台帳', '名簿', '記録', '申請書綴', '管理システム'];
const items = ['氏名', '住所', '生年月日', '性別', '電話番号', '口座番号', '所得', '世帯構成', '健康状態', '被保険者番号'];
const searches = ['住民', '保険', '台帳', '手当', '給与', '窓口来庁', '健康保険', '被保険者', '名簿', '申請'];

/** The section's folder (some 150 MB) goes when it ends, however it ends. */
export async function benchLedger(line: Line, fmt: Format): Promise<void> {
  await inTempDir('daicho-bench-ledger-', (dir) => measureLedger(dir, line, fmt));
}

async function measureLedger(dir: string, line: Line, fmt: Format): Promise<void> {
  const importFile = path.join(dir, 'import.csv');
  const { backend, call, password } = await benchOrganization(dir, { open: importFile });
  const departmentIds: number[] = [];
  for (let i = 0; i < 40; i++) departmentIds.push(((await call('departments.create', { name: `課${String(i).padStart(2, '0')}` })) as { id: number }).id);

  const holdings = 100_000;
  const usageRows = 1_000_000;
  const t0 = performance.now();
  await seedLedger(dir, password, departmentIds, holdings, usageRows);
  line(`seed ${holdings.toLocaleString()} holdings + ${usageRows.toLocaleString()} usage rows`, `${fmt((performance.now() - t0) / 1000)} s`);

  const measure = routerMeasure(call, line, fmt);
  const sorts = ['ledgerNo', 'name', 'updatedAt', 'category', 'lastReviewedAt'];
  /** The list input for the page reached by following `steps` next-cursors (not measured). */
  const pageAfter = async (input: Record<string, unknown>, steps: number): Promise<[ChannelName, unknown]> => {
    let cursor: unknown;
    for (let s = 0; s < steps && cursor !== null; s++) cursor = ((await call('holdings.list', { ...input, ...(cursor ? { cursor } : {}) })) as { nextCursor: unknown }).nextCursor;
    return ['holdings.list', { ...input, ...(cursor ? { cursor } : {}) }];
  };
  await measure('filtered, sorted page of 50 (router)', 'target p95 ≤ 10 ms', (i) =>
    pageAfter({ departmentId: departmentIds[i % 40], status: i % 2 ? 'verified' : undefined, sort: sorts[i % sorts.length], direction: i % 3 ? 'asc' : 'desc', pageSize: 50 }, i % 5),
  );
  await measure('unfiltered last page of 50, and the one before it (router)', '', async (i) => {
    const input = { sort: sorts[i % sorts.length], direction: i % 2 ? 'asc' : 'desc', pageSize: 50 };
    if (i % 4 === 0) return ['holdings.list', { ...input, cursor: 'last' }];
    const last = (await call('holdings.list', { ...input, cursor: 'last' })) as { previousCursor: unknown };
    return ['holdings.list', { ...input, cursor: last.previousCursor }];
  });
  // A word searched for the first time pays for its count; paging or re-sorting the same
  // search finds its count and match set remembered (db/ledger/searchMemory.ts). Both are measured.
  await measure('Japanese substring search, first time, page of 50 (router)', 'target p95 ≤ 10 ms', (i) => {
    forgetSearchCounts();
    return ['holdings.list', { text: searches[i % searches.length], pageSize: 50 }];
  });
  await measure('Japanese substring search within one 課等, first time (router)', '', (i) => {
    forgetSearchCounts();
    return ['holdings.list', { text: searches[i % searches.length], departmentId: departmentIds[i % 40], pageSize: 50 }];
  });
  await measure('the same search, next page or other sort (router)', '', (i) =>
    pageAfter({ text: searches[i % searches.length], sort: sorts[i % sorts.length], pageSize: 50 }, i % 3),
  );
  await measure('open one holding with history and usage (router)', 'target ≤ 20 ms', (i) => ['holdings.get', { holdingId: 1 + ((i * 4243) % holdings) }]);
  // 今日の確認事項 for the chief, who sees every card over the whole organisation: 25,000 drafts
  // each checked for its authors, 100,000 rows by review date and by undecided 管理区分.
  await measure('home dashboard for the chief, all cards (router)', 'target p95 ≤ 30 ms', () => ['home.cards', {}]);
  // A card opens its list: 「照合待ちの台帳」 for the chief checks each of the 25,000 drafts' authors
  // and finds none (the seed's author is the chief), the worst case of that filter.
  await measure('list a card opens: entries I may verify (router)', '', (i) => ['holdings.list', { verifiableByMe: true, sort: sorts[i % sorts.length], pageSize: 50 }]);

  const headerOf = (key: string) => holdingCsvColumns.find((c) => c.key === key)!.header;
  const header = ['ledgerNo', 'name', 'department', 'purpose', 'recordItems', 'subjectCount', 'medium'].map(headerOf);
  const lines = [header.join(',')];
  for (let i = 0; i < 10_000; i++) lines.push(`IMP-${i},${subjects[i % 20]}${kinds[i % 6]} 取込${i},課${String(i % 40).padStart(2, '0')},${subjects[(i * 3) % 20]}の事務,"氏名、住所",${i % 5000},電子`);
  writeFileSync(importFile, `\uFEFF${lines.join('\r\n')}\r\n`);
  const t1 = performance.now();
  const opened = (await call('holdings.import.open', {})) as { importId: string; suggestedMapping: Record<string, string> };
  const checked = (await call('holdings.import.check', { importId: opened.importId, mapping: opened.suggestedMapping })) as { errors: unknown[] };
  if (checked.errors.length) throw new Error(`import errors: ${JSON.stringify(checked.errors.slice(0, 3))}`);
  await call('holdings.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping });
  line('CSV import of 10,000 rows (open + check + commit)', `${fmt((performance.now() - t1) / 1000, 2)} s`, 'target ≤ 5 s');
  backend.close();
}

/** Seeding goes straight to SQL through a second connection: only the queries are measured. */
async function seedLedger(dir: string, password: string, departmentIds: number[], holdings: number, usageRows: number): Promise<void> {
  const { seed } = await openSeed(dir, password);
  const insertHolding = seed.prepare(
    `INSERT INTO holdings (id, ledger_no, name, department_id, purpose, record_items, subject_count, contains_sensitive, contains_my_number, medium,
       status, version, verified_version, verified_by, last_edited_by, last_reviewed_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'electronic', ?, 1, ?, ?, 1, ?, ?, ?)`,
  );
  const insertGrams = seed.prepare('INSERT INTO holding_search (rowid, grams) VALUES (?, ?)');
  const insertHistory = seed.prepare(`INSERT INTO holding_history (holding_id, version, at, user_id, user_name, action, changes) VALUES (?, 1, ?, 1, '総括', 'create', '[]')`);
  for (let start = 1; start <= holdings; start += 10_000) {
    seed.transaction(() => {
      for (let id = start; id < start + 10_000; id++) {
        const name = `${subjects[id % subjects.length]}${kinds[(id >> 3) % kinds.length]} ${id}`;
        const purpose = `${subjects[(id * 7) % subjects.length]}に関する事務の適正な執行`;
        const recordItems = items.filter((_, i) => (id >> i) % 3 === 0);
        const at = new Date(Date.UTC(2024, 0, 1) + (id % 900) * 86_400_000).toISOString();
        const verified = id % 4 !== 0;
        insertHolding.run(id, `R${(id % 8) + 1}-${String(id).padStart(6, '0')}`, name, departmentIds[id % departmentIds.length]!, purpose, JSON.stringify(recordItems), (id * 37) % 20_000, id % 11 === 0 ? 1 : 0, id % 13 === 0 ? 1 : 0, verified ? 'verified' : 'draft', verified ? 1 : null, verified ? 1 : null, id % 5 ? at : null, at, at);
        insertGrams.run(id, searchGrams([name, purpose, ...recordItems]));
        insertHistory.run(id, at);
      }
    })();
  }
  seedUsage(seed, holdings, usageRows);
  seed.close();
}

function seedUsage(seed: ReturnType<typeof openEncryptedDatabase>, holdings: number, usageRows: number): void {
  const usage = seed.prepare(`INSERT INTO holding_usage (holding_id, kind, used_on, person_name, purpose, count, recorded_by, recorded_at) VALUES (?, ?, ?, '田中 花子', '窓口交付', ?, 1, ?)`);
  const usageKinds = ['use', 'copy', 'transmit', 'takeout', 'provide', 'outsource', 'correct', 'dispose'];
  for (let start = 0; start < usageRows; start += 100_000) {
    seed.transaction(() => {
      for (let i = start; i < start + 100_000; i++) {
        const day = new Date(Date.UTC(2024, 0, 1) + (i % 1000) * 86_400_000).toISOString();
        usage.run(1 + ((i * 7919) % holdings), usageKinds[i % 8]!, day.slice(0, 10), i % 20, day);
      }
    })();
  }
}
