/**
 * 取扱区域・管理区域 and the 入退室管理簿 without zod, so the renderer can import them
 * (db/contract/areas.ts and areaVisits.ts build their schemas from these). domain.md §4; MIC §19, §35.
 */

/** 取扱区域 / 管理区域 / 情報システム室 / 書庫・保管庫. */
export const areaKinds = ['handling', 'management', 'systemRoom', 'archive'] as const;
/** 持込み・持出し: 可 / 検査のうえ可 / 禁止 (MIC §35 外部電磁的記録媒体等の持込み・持出しの制限又は検査). */
export const deviceRules = ['allowed', 'inspect', 'prohibited'] as const;
/** 職員 / 外部の者 (a person met at the door). */
export const personKinds = ['staff', 'outsider'] as const;
/** 入室許可の区分: 職員 / 委託先 / 保守. A 職員 authorization is of a staff person; the others of an outsider. */
export const authorizationKinds = ['staff', 'contractor', 'maintenance'] as const;
/** 有効 / 取消し; 期限切れ is computed from valid_until and today in the organisation's zone, never stored. */
export const authorizationStatuses = ['active', 'revoked'] as const;
/** What a list shows of an authorization today: 有効 / まもなく期限 / 期限切れ / 取消し. */
export const authorizationStates = ['valid', 'expiring', 'expired', 'revoked'] as const;
/** Days before valid_until when an authorization counts as まもなく期限 (list and home card). */
export const authorizationExpiringDays = 30;
/** 検査の結果: 異常なし / 異常あり / 未検査. */
export const inspectionResults = ['passed', 'failed', 'notInspected'] as const;
/** 在室中 / 退室済. */
export const visitStatuses = ['inside', 'closed'] as const;
/** 退室 at the door / 終業時の一括退室 (with a reason). */
export const visitCloseKinds = ['checkout', 'dayClose'] as const;
/**
 * What makes a visit stand out in the book and on the dashboard (domain.md §4 Alerts):
 * unauthorized — let in without a valid authorization, on a manager's approval at the door;
 * prohibitedDeviceIn — a device brought into an area that prohibits it, on a manager's approval;
 * prohibitedDeviceOut — a device taken out of an area that prohibits it;
 * takeoutWithoutApproval — a registered medium taken out without an approved 持出し (MIC §34);
 * unregisteredDeviceOut — a device taken out that was not brought in and is no registered medium;
 * badgeNotReturned — the badge not handed back at check-out;
 * closedAtDayEnd — closed with the day's open visits, not checked out at the door;
 * failedInspectionOut — a device taken out that failed the inspection at the door (MIC §35 検査).
 */
export const visitExceptions = [
  'unauthorized', 'prohibitedDeviceIn', 'prohibitedDeviceOut', 'takeoutWithoutApproval',
  'unregisteredDeviceOut', 'badgeNotReturned', 'closedAtDayEnd', 'failedInspectionOut',
] as const;
export const areaHistoryActions = ['create', 'update', 'retire', 'reactivate'] as const;
export const authorizationHistoryActions = ['create', 'update', 'revoke'] as const;
export const visitHistoryActions = ['checkIn', 'checkOut', 'dayClose', 'confirmException'] as const;
/** The books are in order of entry; a person's or an area's visits narrow it (1,000,000 rows: one sort, indexed per filter). */
export const visitSortKeys = ['enteredAt'] as const;
export const authorizationSortKeys = ['validUntil', 'permitNo', 'person', 'grantedAt'] as const;
/** 日報 (one day) / 月報 (one month) of the 入退室管理簿. */
export const bookPeriods = ['day', 'month'] as const;

export type AreaKind = (typeof areaKinds)[number];
export type DeviceRule = (typeof deviceRules)[number];
export type PersonKind = (typeof personKinds)[number];
export type AuthorizationKind = (typeof authorizationKinds)[number];
export type AuthorizationStatus = (typeof authorizationStatuses)[number];
export type AuthorizationState = (typeof authorizationStates)[number];
export type InspectionResult = (typeof inspectionResults)[number];
export type VisitStatus = (typeof visitStatuses)[number];
export type VisitCloseKind = (typeof visitCloseKinds)[number];
export type VisitException = (typeof visitExceptions)[number];
export type AreaHistoryAction = (typeof areaHistoryActions)[number];
export type AuthorizationHistoryAction = (typeof authorizationHistoryActions)[number];
export type VisitHistoryAction = (typeof visitHistoryActions)[number];
export type VisitSortKey = (typeof visitSortKeys)[number];
export type AuthorizationSortKey = (typeof authorizationSortKeys)[number];
export type BookPeriod = (typeof bookPeriods)[number];

/** The rules a new area of a kind starts with (the form's defaults; MIC §35 for 管理区域 and 情報システム室). */
export const areaKindDefaults: Readonly<Record<AreaKind, { escortRequired: boolean; devicesIn: DeviceRule; devicesOut: DeviceRule }>> = {
  handling: { escortRequired: false, devicesIn: 'allowed', devicesOut: 'inspect' },
  management: { escortRequired: true, devicesIn: 'inspect', devicesOut: 'inspect' },
  systemRoom: { escortRequired: true, devicesIn: 'inspect', devicesOut: 'inspect' },
  archive: { escortRequired: true, devicesIn: 'allowed', devicesOut: 'inspect' },
};
