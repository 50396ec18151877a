import { containsMyNumber } from '../../contract/myNumber';
import type { AppCore, Tx } from '../../core/appCore';
import type { AuditTargetType } from '../../core/auditTargets';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';

/**
 * The column mapping a clerk chose, remembered per ledger and exact set of headers: the next
 * file with the same headings (the same Excel ledger next year, or the one fixed and picked
 * again) opens mapped as the clerk left it, after a restart too. One mapping for the
 * organisation per header set — it describes the file, not the person.
 */

/** The headers as a set: sorted, each once (a column moved in Excel is the same file). */
function headerSetOf(headers: readonly string[]): string {
  return JSON.stringify([...new Set(headers)].sort());
}

/** The mapping remembered for these headers, reduced to headers present and keys still known; null if none. */
export function rememberedMapping(db: Db, ledger: string, headers: readonly string[], knownKeys: readonly string[]): Record<string, string> | null {
  const stored = statement(db, 'SELECT mapping FROM import_mappings WHERE ledger = ? AND header_set = ?').pluck().get(ledger, headerSetOf(headers)) as string | undefined;
  if (stored === undefined) return null;
  const mapping: Record<string, string> = {};
  for (const [header, key] of Object.entries(JSON.parse(stored) as Record<string, string>)) {
    if (headers.includes(header) && knownKeys.includes(key)) mapping[header] = key;
  }
  return mapping;
}

/**
 * Keeps `mapping` for these headers if it differs from what is kept, with its access-log
 * event, in the caller's transaction (a commit keeps it together with the rows). Headers are
 * stored text: one carrying a 個人番号 is never stored (番号法; the import itself is refused
 * for it), and nothing is remembered then.
 */
export function keepMapping(tx: Tx, userId: number, ledger: string, headers: readonly string[], mapping: Readonly<Record<string, string>>): void {
  const change = mappingChange(tx.db, ledger, headers, mapping);
  if (!change) return;
  statement(
    tx.db,
    `INSERT INTO import_mappings (ledger, header_set, mapping, saved_by, saved_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (ledger, header_set) DO UPDATE SET mapping = excluded.mapping, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
  ).run(ledger, change.headerSet, change.chosen, userId, tx.at);
  // No target id: the event is of its actor's 課等 (importMappingAuditTarget), like the import it prepares.
  tx.audit({ action: 'importMapping.save', targetType: 'import_mapping', detail: { ledger, mapping: JSON.parse(change.chosen) as Record<string, string> } });
}

/**
 * The access log's area for saved mappings. A mapping names the headers of the file a clerk
 * is importing — that 課等's business, as the file's name is (MIC §9): a department-scoped
 * reader of another 課等 sees that a mapping was saved, when and by whom, not its headers.
 */
export const importMappingAuditTarget: AuditTargetType = {
  targetType: 'import_mapping',
  actionPrefix: 'importMapping.',
  fields: {},
  departmentScoped: true,
  describe: () => new Map(),
};

/** keepMapping in a write of its own, only when there is something to keep (a check writes nothing else). */
export function rememberMapping(core: AppCore, ledger: string, headers: readonly string[], mapping: Readonly<Record<string, string>>): void {
  if (!mappingChange(core.requireVault().db, ledger, headers, mapping)) return;
  core.write((tx) => keepMapping(tx, core.requireSession().userId, ledger, headers, mapping));
}

/** What would be stored, or null when it is what is kept already or must not be stored. */
function mappingChange(db: Db, ledger: string, headers: readonly string[], mapping: Readonly<Record<string, string>>): { headerSet: string; chosen: string } | null {
  if (headers.some((h) => containsMyNumber(h))) return null;
  const headerSet = headerSetOf(headers);
  const entries = Object.entries(mapping).filter(([h]) => headers.includes(h));
  const chosen = JSON.stringify(Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  const kept = statement(db, 'SELECT mapping FROM import_mappings WHERE ledger = ? AND header_set = ?').pluck().get(ledger, headerSet) as string | undefined;
  return kept === chosen ? null : { headerSet, chosen };
}
