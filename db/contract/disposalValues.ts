/**
 * The 廃棄・消去記録's values without zod, so the renderer can import them (db/contract/disposal.ts
 * builds its schemas from these). Fields as in domain.md §3 (MIC §13, METI §21; NIST SP 800-88).
 */

/** 作成中 → 承認待ち → 承認済 (frozen); 承認待ち → 作成中 (差戻し); 作成中 / 承認待ち → 取消し; 承認済 → 訂正済 when a correction is approved. */
export const disposalStatuses = ['draft', 'requested', 'approved', 'amended', 'cancelled'] as const;
/** NIST SP 800-88 Rev.1: Clear / Purge / Destroy. */
export const nistClasses = ['clear', 'purge', 'destroy'] as const;
/** 上書き消去, 暗号化消去, 磁気消去, 物理破壊(穿孔・破砕), 溶解, 焼却, 細断 (domain.md §3). */
export const disposalMethods = ['overwrite', 'cryptoErase', 'degauss', 'physical', 'melting', 'incineration', 'shredding'] as const;
/** 検証の結果: 合格 / 不合格 / 実施せず. */
export const verificationOutcomes = ['passed', 'failed', 'notPerformed'] as const;
/** 実施場所: 庁舎内 / 委託先. */
export const disposalPlaces = ['onSite', 'contractor'] as const;
/** 結果: 完了 / 例外あり / 失敗. */
export const disposalResults = ['completed', 'exception', 'failed'] as const;
/** 対象の種別: 媒体 / 保有個人情報 / 紙文書. */
export const disposalTargetKinds = ['medium', 'holding', 'paper'] as const;
export const disposalSortKeys = ['performedOn', 'certificateNo', 'status', 'department', 'updatedAt'] as const;
export const disposalHistoryActions = [
  'create', 'update', 'request', 'return', 'approve', 'cancel', 'amend', 'amended', 'attach', 'detach', 'printCertificate',
] as const;
/** 写真 / 委託先の証明書 (scan). */
export const attachmentKinds = ['photo', 'certificate'] as const;
export const attachmentMimes = ['image/jpeg', 'image/png', 'application/pdf'] as const;

export type DisposalStatus = (typeof disposalStatuses)[number];
export type NistClass = (typeof nistClasses)[number];
export type DisposalMethod = (typeof disposalMethods)[number];
export type VerificationOutcome = (typeof verificationOutcomes)[number];
export type DisposalPlace = (typeof disposalPlaces)[number];
export type DisposalResult = (typeof disposalResults)[number];
export type DisposalTargetKind = (typeof disposalTargetKinds)[number];
export type DisposalSortKey = (typeof disposalSortKeys)[number];
export type DisposalHistoryAction = (typeof disposalHistoryActions)[number];
export type AttachmentKind = (typeof attachmentKinds)[number];
export type AttachmentMime = (typeof attachmentMimes)[number];

/**
 * The NIST classes a method may be recorded under (SP 800-88 Rev.1 Table A): overwriting
 * clears (or purges, when the tool purges the whole device), cryptographic erase and
 * degaussing purge, the physical methods destroy.
 */
export const methodClasses: Readonly<Record<DisposalMethod, readonly NistClass[]>> = {
  overwrite: ['clear', 'purge'],
  cryptoErase: ['purge'],
  degauss: ['purge'],
  physical: ['destroy'],
  melting: ['destroy'],
  incineration: ['destroy'],
  shredding: ['destroy'],
};

/** Every field a user fills in, in the order of domain.md §3 (form, certificate, CSV). */
export const disposalFieldOrder = [
  'departmentId', 'targets', 'nistClass', 'method', 'methodDetail', 'tool', 'toolVersion', 'verificationMethod',
  'verificationOutcome', 'performedOn', 'placeKind', 'placeDetail', 'operatorId', 'witnessIds', 'contractorName',
  'contractorCertificateNo', 'contractorStaff', 'result', 'resultNote', 'remarks',
] as const;

/** Approved and amended records are frozen; cancelled ones are closed. Only 作成中 is edited. */
export function isEditableDisposal(status: DisposalStatus): boolean {
  return status === 'draft';
}

/** Limits of an attachment (issue #11 item 2): each file, and per record. */
export const attachmentLimits = { maxBytes: 20 * 1024 * 1024, maxPerRecord: 20 } as const;
