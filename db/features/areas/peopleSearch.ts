import type { ParsedInput } from '../../contract';
import type { PersonHit } from '../../contract/areas';
import type { LedgerActor } from '../../ledger/record';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { requireVisibleArea } from './areaRecords';
import { authorizationAt } from './authorizationCheck';
import { authorizationState } from './authorizationRecords';
import { foldSearchKey, personSearchKey, type PersonRow } from './people';

/**
 * The search as you type of the door form and the permit form (issue #12 item 3: 「person, search
 * as you type, kana readings too; outsiders typed in, remembered for next time」). The typed text
 * is folded as the stored search_key (people.ts foldSearchKey) and found anywhere in it. People
 * are walked in the order of area_people_recent (recent visitors first) and the walk stops at
 * `limit` hits, so a common text costs a few rows and a rare one one pass over the index (a
 * bounded scan: 10,000 people, npm run bench). Staff in force who never came to a door have no
 * row yet: they follow, from the user list, with personId null. Names and 所属 only: not an
 * audited read (each visit logs its person).
 */
type PersonMatch = Pick<PersonRow, 'id' | 'kind' | 'user_id' | 'name' | 'kana' | 'affiliation'>;

/** A staff person row counts while their account is in force (seed 004 case 4: rights end when a person moves). */
const staffInForce = `(p.user_id IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = p.user_id AND u.active = 1 AND (u.valid_until IS NULL OR u.valid_until >= ?)))`;

function matchingPeople(db: Db, folded: string, kind: string | undefined, today: string, limit: number): PersonMatch[] {
  return statement(
    db,
    `SELECT p.id, p.kind, p.user_id, p.name, p.kana, p.affiliation FROM area_people p INDEXED BY area_people_recent
     WHERE p.active = 1 AND (? = '' OR instr(p.search_key, ?) > 0) AND (? IS NULL OR p.kind = ?) AND ${staffInForce}
     ORDER BY coalesce(p.last_visit_at, '') DESC, p.id DESC LIMIT ?`,
  ).all(folded, folded, kind ?? null, kind ?? null, today, limit) as PersonMatch[];
}

/**
 * The folded key of a user's name and 課等, remembered: folding 500 names on every key press costs
 * more than the search itself. Keyed by the texts, so a renamed user or 課等 is folded afresh;
 * emptied when it outgrows any organisation's user list.
 */
const userKeys = new Map<string, string>();
function userKey(name: string, affiliation: string): string {
  const raw = `${name}\u0000${affiliation}`;
  let key = userKeys.get(raw);
  if (key === undefined) {
    if (userKeys.size > 20_000) userKeys.clear();
    userKeys.set(raw, (key = personSearchKey(name, '', affiliation)));
  }
  return key;
}

/**
 * Users in force with no person row yet (a few hundred at most), folded here as the stored keys
 * are — and those whose row the user list has moved on from (renamed, moved to another 課等), found
 * and said as they are now; their row is brought up to date when next named (people.ts asUserListSays).
 */
function matchingUsersWithoutRow(db: Db, folded: string, today: string, limit: number): PersonMatch[] {
  if (limit <= 0) return [];
  const users = statement(
    db,
    `SELECT u.id AS user_id, u.display_name AS name, d.name AS affiliation, p.id AS person_id, p.kana FROM users u JOIN departments d ON d.id = u.department_id
     LEFT JOIN area_people p ON p.user_id = u.id
     WHERE u.active = 1 AND (u.valid_until IS NULL OR u.valid_until >= ?) AND (p.id IS NULL OR (p.active = 1 AND (p.name <> u.display_name OR p.affiliation <> d.name)))
     ORDER BY u.display_name, u.id`,
  ).all(today) as { user_id: number; name: string; affiliation: string; person_id: number | null; kana: string | null }[];
  const out: PersonMatch[] = [];
  for (const u of users) {
    const kana = u.kana ?? '';
    if (folded !== '' && !userKey(u.name, u.affiliation).includes(folded) && !(kana && foldSearchKey(kana).includes(folded))) continue;
    out.push({ id: u.person_id ?? 0, kind: 'staff', user_id: u.user_id, name: u.name, kana, affiliation: u.affiliation });
    if (out.length >= limit) break;
  }
  return out;
}

/** Staff hits whose row the user list has moved on from: they come from the user list instead, as they are now. */
function withoutStaleStaff(db: Db, hits: PersonMatch[]): PersonMatch[] {
  const staff = hits.filter((h) => h.user_id !== null).map((h) => h.user_id);
  if (staff.length === 0) return hits;
  const now = statement(db, 'SELECT u.id, u.display_name AS name, d.name AS affiliation FROM users u JOIN departments d ON d.id = u.department_id WHERE u.id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(staff)) as { id: number; name: string; affiliation: string }[];
  const byId = new Map(now.map((u) => [u.id, u]));
  return hits.filter((h) => h.user_id === null || (byId.get(h.user_id)?.name === h.name && byId.get(h.user_id)?.affiliation === h.affiliation));
}

/** For the area asked about: the permit that opens it today (or says why not) and whether they are inside now. */
function atArea(db: Db, personId: number, areaId: number, today: string): Pick<PersonHit, 'authorization' | 'inside'> {
  const found = authorizationAt(db, personId, areaId, today);
  const inside = statement(db, "SELECT 1 FROM area_visits WHERE person_id = ? AND area_id = ? AND status = 'inside'").get(personId, areaId) !== undefined;
  if (found.verdict === 'none') return { authorization: null, inside };
  const a = found.authorization;
  return {
    authorization: { id: a.id, permitNo: a.permitNo, kind: a.kind, validFrom: a.validFrom, validUntil: a.validUntil, state: authorizationState('active', a.validUntil, today) },
    inside,
  };
}

export function searchPeople(db: Db, actor: LedgerActor, input: ParsedInput<'areas.people.search'>, today: string): PersonHit[] {
  // The area's permits and visitors are its 課等's (MIC §9): another 課等's area is NOT_FOUND to a scoped reader.
  if (input.areaId !== undefined) requireVisibleArea(db, actor, input.areaId);
  const folded = foldSearchKey(input.text ?? '');
  const people = withoutStaleStaff(db, matchingPeople(db, folded, input.kind, today, input.limit));
  const users = input.kind === 'outsider' ? [] : matchingUsersWithoutRow(db, folded, today, input.limit - people.length);
  return [...people, ...users].map((p) => {
    const personId = p.id === 0 ? null : p.id;
    const where = input.areaId !== undefined && personId !== null ? atArea(db, personId, input.areaId, today) : { authorization: null, inside: false };
    return { personId, userId: p.user_id, kind: p.kind, name: p.name, kana: p.kana, affiliation: p.affiliation, ...where };
  });
}
