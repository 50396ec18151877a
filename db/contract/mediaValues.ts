/**
 * The 媒体管理台帳's values without zod, so the renderer can import them (db/contract/media.ts
 * builds its schemas from these; nothing is copied). Fields as in domain.md §2.
 */
export const mediaTypes = ['usb', 'sd', 'hdd', 'ssd', 'optical', 'paper', 'other'] as const;
/** MIC §12: a medium that leaves must have an authentication function; 'none' is recorded as such. */
export const mediaEncryptions = ['none', 'password', 'hardware'] as const;
/** 保管中 / 持出中 / 所在不明 / 廃止 / 廃棄済. */
export const mediaStatuses = ['in_storage', 'checked_out', 'missing', 'retired', 'disposed'] as const;
export const mediaSortKeys = ['mediaNo', 'type', 'department', 'status', 'storageLocation', 'registeredAt', 'lastSeenAt', 'updatedAt'] as const;
export const mediaHistoryActions = [
  'create', 'update', 'link', 'unlink', 'retire',
  'takeoutRequest', 'takeoutApprove', 'takeoutRefuse', 'takeoutCancel', 'takeoutOut', 'takeoutReturn',
  // Issue #10 items 5 and 7 (migration 0012): CSV import, and the inventory's steps (MIC §42).
  'import', 'inventorySeen', 'markMissing', 'found', 'relocate',
  // Issue #11 (migration 0018): an approved disposal record marks the medium 廃棄済.
  'dispose',
] as const;
/** 持出し (issue #10 item 3): requested → approved / refused / cancelled; approved → out (or cancelled); out → returned. */
export const takeoutStatuses = ['requested', 'approved', 'refused', 'out', 'returned', 'cancelled'] as const;
/** The safeguards a take-out promises (MIC §12, §34): 暗号化 / パスワード / 施錠容器 / 封緘. */
export const takeoutSafeguards = ['encryption', 'password', 'lockedCase', 'sealed'] as const;

export type MediaType = (typeof mediaTypes)[number];
export type MediaEncryption = (typeof mediaEncryptions)[number];
export type MediaStatus = (typeof mediaStatuses)[number];
export type MediaSortKey = (typeof mediaSortKeys)[number];
export type MediaHistoryAction = (typeof mediaHistoryActions)[number];
export type TakeoutStatus = (typeof takeoutStatuses)[number];
export type TakeoutSafeguard = (typeof takeoutSafeguards)[number];

/** Every field a user fills in, in the order of domain.md §2 (form, sheet, CSV). */
export const mediaFieldOrder = [
  'mediaNo', 'type', 'makeModel', 'serialNo', 'capacity', 'encrypted', 'departmentId', 'custodian', 'storageLocationId',
  'isBackupMedium', 'registeredAt', 'remarks',
] as const;

/** Retired and disposed media are closed: no edits, no links (the register keeps them as they were). */
export function isClosedMediumStatus(status: MediaStatus): boolean {
  return status === 'retired' || status === 'disposed';
}

/**
 * CSV import of an existing register (issue #10 item 7): the fields a file's column may be taken
 * as — the column table's CSV keys, in its order, then 状態 and 最終確認日 (tests/integration/media-output.test.ts
 * holds them equal to the import's columns) — and the field whose one label names each on screen (課等 and 保管場所 are read by
 * name into their ids).
 */
export const mediaImportFields = [
  'mediaNo', 'type', 'makeModel', 'serialNo', 'capacity', 'encrypted', 'department', 'custodian', 'storageLocation',
  'isBackupMedium', 'registeredAt', 'remarks',
  // Import only: the state the file gives (db/features/media/csvImport.ts), as the export writes it.
  'status', 'lastSeenAt',
] as const;

export type MediaImportField = (typeof mediaImportFields)[number];

/** The `mediaFields.*` label of each import column. */
export const mediaImportFieldLabels: Readonly<Record<MediaImportField, string>> = {
  mediaNo: 'mediaNo',
  type: 'type',
  makeModel: 'makeModel',
  serialNo: 'serialNo',
  capacity: 'capacity',
  encrypted: 'encrypted',
  department: 'departmentId',
  custodian: 'custodian',
  storageLocation: 'storageLocationId',
  isBackupMedium: 'isBackupMedium',
  registeredAt: 'registeredAt',
  remarks: 'remarks',
  status: 'status',
  lastSeenAt: 'lastSeenAt',
};
