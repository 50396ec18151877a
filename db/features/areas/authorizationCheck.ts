import type { AuthorizationKind } from '../../contract/areas';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';

/** What the door needs of the authorization that lets someone in (or would have). */
interface DoorAuthorization {
  id: number;
  permitNo: string;
  departmentId: number;
  kind: AuthorizationKind;
  affiliation: string;
  validFrom: string;
  validUntil: string;
}

export type AuthorizationVerdict =
  | { verdict: 'valid'; authorization: DoorAuthorization }
  | { verdict: 'expired' | 'notYetValid'; authorization: DoorAuthorization }
  | { verdict: 'none' };

/**
 * Whether `personId` may enter `areaId` on `day` (YYYY-MM-DD in the organisation's calendar; MIC
 * §35 「入室を認める者の範囲」). valid_until is inclusive: a permit until 2027-03-31 opens the door
 * until 23:59 that day in the organisation's zone. A revoked one counts as none. Among several,
 * one valid that day wins (the latest-ending); otherwise the latest-ending says why not. Read by
 * the person's index, each probed for the area through area_authorization_areas' key.
 */
export function authorizationAt(db: Db, personId: number, areaId: number, day: string): AuthorizationVerdict {
  const rows = statement(
    db,
    `SELECT a.id, a.permit_no AS permitNo, a.department_id AS departmentId, a.kind, a.affiliation, a.valid_from AS validFrom, a.valid_until AS validUntil
     FROM area_authorizations a
     WHERE a.person_id = ? AND a.status = 'active'
       AND EXISTS (SELECT 1 FROM area_authorization_areas x WHERE x.area_id = ? AND x.authorization_id = a.id)
     ORDER BY (a.valid_from <= ? AND a.valid_until >= ?) DESC, a.valid_until DESC, a.id DESC
     LIMIT 1`,
  ).get(personId, areaId, day, day) as DoorAuthorization | undefined;
  if (!rows) return { verdict: 'none' };
  if (rows.validFrom > day) return { verdict: 'notYetValid', authorization: rows };
  if (rows.validUntil < day) return { verdict: 'expired', authorization: rows };
  return { verdict: 'valid', authorization: rows };
}
