import type { ParsedInput } from '../../contract';
import type { AuthorizationFilters } from '../../contract/areas';
import { foldNumberText } from '../../contract/textLists';
import { allIds, Conditions, pageOfIds, type ListSource } from '../../ledger/listQuery';
import type { LedgerActor } from '../../ledger/record';
import { scopeToDepartment } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { readAuthorizationRows, stateSql, toAuthorizations, type AuthorizationRow } from './authorizationRecords';
import { foldSearchKey } from './people';

/**
 * Finding 入室許可 (issue #12 item 2: the expiring and expired lists): filters, sort and keyset
 * paging in SQL (db/ledger/listQuery.ts). A manager, clerk or officer sees only their 課等's
 * permits (MIC §9); the chief and the auditor all. A few hundred rows: the text is matched on the
 * person's folded search key and the 許可番号 as it walks, with no search table.
 */
const authorizationSource: ListSource = {
  from: 'area_authorizations a JOIN area_people p ON p.id = a.person_id',
  id: 'a.id',
  // Never NULL (keyset paging).
  sorts: {
    validUntil: 'a.valid_until',
    permitNo: 'a.permit_no',
    person: 'p.search_key',
    grantedAt: 'a.granted_at',
  },
  maxIdSql: 'SELECT max(id) FROM area_authorizations',
};

/** The list's filters as SQL (`today`: the organisation's day the states are counted on); the home cards link with the same ones. */
function authorizationWhere(actor: LedgerActor, f: AuthorizationFilters, today: string): Conditions {
  const where = scopeToDepartment(new Conditions(), actor, 'a.department_id');
  where.addIf(f.departmentId, 'a.department_id = ?', f.departmentId);
  where.addIf(f.areaId, 'EXISTS (SELECT 1 FROM area_authorization_areas x WHERE x.area_id = ? AND x.authorization_id = a.id)', f.areaId);
  where.addIf(f.personId, 'a.person_id = ?', f.personId);
  where.addIf(f.kind, 'a.kind = ?', f.kind);
  if (f.state) {
    const s = stateSql(f.state, today);
    where.add(s.sql, ...s.params);
  }
  where.addIf(f.expiredSince, "a.status = 'active' AND a.valid_until >= ? AND a.valid_until < ?", f.expiredSince, today);
  const text = f.text?.trim();
  if (text) {
    // 氏名・よみ・所属 folded as stored (ひらがな as カタカナ, any width); 許可番号 as a number is typed (Ｒ８－０００１).
    where.add('(instr(p.search_key, ?) > 0 OR instr(lower(a.permit_no), ?) > 0 OR instr(lower(a.affiliation), ?) > 0)', foldSearchKey(text), foldNumberText(text).toLowerCase(), text.toLowerCase());
  }
  return where;
}

export function listAuthorizations(db: Db, actor: LedgerActor, input: ParsedInput<'areas.authorizations.list'>, today: string) {
  const { ids, ...info } = pageOfIds(db, authorizationSource, authorizationWhere(actor, input, today), { ...input, text: undefined });
  return { rows: toAuthorizations(db, readAuthorizationRows(db, ids), today), ...info };
}

/** Every matching row in the list's order (the CSV of the authorizations). */
export function allAuthorizationRows(db: Db, actor: LedgerActor, filters: AuthorizationFilters, today: string, order: { sort: string; direction: 'asc' | 'desc' } = { sort: 'validUntil', direction: 'asc' }): AuthorizationRow[] {
  return readAuthorizationRows(db, allIds(db, authorizationSource, authorizationWhere(actor, filters, today), { ...order, text: undefined }));
}
