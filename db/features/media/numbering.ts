import type { MediaType, NumberingRule, ParsedInput } from '../../contract';
import { containsMyNumber } from '../../contract/myNumber';
import { fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { freeSerial, upcomingSerial, upcomingSerials } from '../../ledger/numbering';
import type { LedgerActor } from '../../ledger/record';
import { assertAssignableDepartment, departmentScopeSql, isDepartmentScoped } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';

/**
 * 管理番号 numbering rules (issue #10 item 2; domain.md §2; seed 004 case 6-2): per 課等 and 種別
 * a prefix and a number of digits (「SOM-USB-」 + 3 → SOM-USB-001). The serial never restarts
 * (migration 0013 says why); each prefix has its own counter, so a new prefix starts at 1.
 * A number someone typed by hand is passed over, never issued twice.
 */
interface RuleRow {
  id: number;
  department_id: number;
  department_name: string;
  type: MediaType;
  prefix: string;
  digits: number;
  updated_at: string;
}

const ruleSelect = `SELECT r.id, r.department_id, d.name AS department_name, r.type, r.prefix, r.digits, r.updated_at
  FROM media_numbering_rules r JOIN departments d ON d.id = r.department_id`;

function ruleFor(db: Db, departmentId: number, type: MediaType): RuleRow | undefined {
  return statement(db, `${ruleSelect} WHERE r.department_id = ? AND r.type = ?`).get(departmentId, type) as RuleRow | undefined;
}

/**
 * Taken in any case: a USB barcode reader with Caps Lock on types SOM-USB-001 as som-usb-001, and
 * the 点検's scan looks a label up in either case (inventory.ts), so two numbers differing only by
 * case would scan as one medium. Width is folded before (recordNumber: NFKC).
 */
export function isMediaNoTaken(db: Db, mediaNo: string, exceptId = 0): boolean {
  return statement(db, 'SELECT 1 FROM media WHERE media_no = ? COLLATE NOCASE AND id <> ?').get(mediaNo, exceptId) !== undefined;
}

/**
 * A serial the rule must pass over: taken, or one the 管理番号 field itself refuses — 「2026」 and 8
 * digits give 202600000006, twelve digits that pass a 個人番号's check (fields.ts guards typed
 * text only), which no edit of the medium and no 点検 scan would then accept.
 */
function isUnusable(db: Db, mediaNo: string): boolean {
  return isMediaNoTaken(db, mediaNo) || containsMyNumber(mediaNo);
}

/** The counter of one rule: per 課等 and 種別, and per prefix (the period), so a changed prefix counts from 1. */
function counterOf(rule: Pick<RuleRow, 'department_id' | 'type' | 'prefix' | 'digits'>) {
  return {
    series: `media:${rule.department_id}:${rule.type}`,
    period: rule.prefix,
    format: (n: number) => `${rule.prefix}${String(n).padStart(rule.digits, '0')}`,
  };
}

function upcomingOf(db: Db, rule: RuleRow): string {
  const { series, period, format } = counterOf(rule);
  return upcomingSerial(db, series, period, format, (no) => isUnusable(db, no));
}

function toRule(db: Db, row: RuleRow): NumberingRule {
  return { id: row.id, departmentId: row.department_id, departmentName: row.department_name, type: row.type, prefix: row.prefix, digits: row.digits, upcoming: upcomingOf(db, row), updatedAt: row.updated_at };
}

/**
 * The 管理番号 an empty field gets when a medium is registered, in the caller's transaction (no
 * gaps: a rolled-back registration gives its number back). No rule: the field says so.
 */
export function assignMediaNo(tx: Tx, departmentId: number, type: MediaType, alsoTaken: (mediaNo: string) => boolean = () => false): string {
  const rule = ruleFor(tx.db, departmentId, type);
  if (!rule) throw fieldError(['mediaNo'], 'validation.noNumberingRule');
  const { series, period, format } = counterOf(rule);
  // `alsoTaken`: an import's rows that bring their own number, inserted after this one (csvImport.ts).
  const mediaNo = freeSerial(tx, series, period, format, (no) => alsoTaken(no) || isUnusable(tx.db, no));
  // A long prefix with a counter past its digits could outgrow the column (media_no ≤ 30).
  if (mediaNo.length > 30) throw fieldError(['mediaNo'], 'validation.tooLong');
  return mediaNo;
}

/** The form's hint (MediumForm): what an empty 管理番号 would become now, or null without a rule. */
export function upcomingMediaNo(db: Db, actor: LedgerActor, departmentId: number, type: MediaType): string | null {
  if (isDepartmentScoped(actor) && actor.departmentId !== departmentId) return null;
  const rule = ruleFor(db, departmentId, type);
  return rule ? upcomingOf(db, rule) : null;
}

/**
 * The next `count` numbers of the 課等's rule for the 種別, as assignMediaNo would take them one
 * after another (an import's preview), or null without a rule. Not checked for scope: the caller's.
 */
export function upcomingMediaNos(db: Db, departmentId: number, type: MediaType, count: number, alsoTaken: (mediaNo: string) => boolean): string[] | null {
  const rule = ruleFor(db, departmentId, type);
  if (!rule) return null;
  const { series, period, format } = counterOf(rule);
  return upcomingSerials(db, series, period, format, (no) => alsoTaken(no) || isUnusable(db, no), count);
}

/** Whether the 課等 has a rule for the 種別. */
export function hasNumberingRule(db: Db, departmentId: number, type: MediaType): boolean {
  return ruleFor(db, departmentId, type) !== undefined;
}

/** The rules the reader may see: their 課等's, or all of them for an organisation-wide role (MIC §9). */
export function listNumberingRules(db: Db, actor: LedgerActor): NumberingRule[] {
  const scope = departmentScopeSql(actor, 'r.department_id');
  const rows = statement(db, `${ruleSelect} WHERE 1 = 1${scope.sql} ORDER BY d.name, r.type`).all(...scope.params) as RuleRow[];
  return rows.map((row) => toRule(db, row));
}

/**
 * Sets the rule of a 課等 and 種別 (a manager: their own 課等; the chief: any), with its
 * access-log event in the same transaction (MIC §10: the manager decides how media are kept).
 */
export function setNumberingRule(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.numbering.set'>): NumberingRule {
  assertAssignableDepartment(tx.db, actor, input.departmentId);
  const before = ruleFor(tx.db, input.departmentId, input.type);
  if (before && before.prefix === input.prefix && before.digits === input.digits) return toRule(tx.db, before);
  statement(
    tx.db,
    `INSERT INTO media_numbering_rules (department_id, type, prefix, digits, updated_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (department_id, type) DO UPDATE SET prefix = excluded.prefix, digits = excluded.digits, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(input.departmentId, input.type, input.prefix, input.digits, actor.userId, tx.at, tx.at);
  const after = ruleFor(tx.db, input.departmentId, input.type)!;
  const changes = (['prefix', 'digits'] as const)
    .filter((field) => before?.[field] !== input[field])
    .map((field) => ({ field, before: before?.[field] ?? null, after: input[field] }));
  tx.audit({
    action: 'media.numberingRule.set',
    targetType: 'media_numbering_rule',
    targetId: after.id,
    detail: { department: input.departmentId, type: input.type, changes },
  });
  return toRule(tx.db, after);
}
