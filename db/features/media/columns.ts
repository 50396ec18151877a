import { mediaEncryptions, mediaTypes, type MediumFields } from '../../contract';
import { choice, date, flag, reference, text, type ColumnSpec, type ColumnTable } from '../../ledger/columns';
import { reconcileWithAccessLog } from '../../ledger/integrity';
import type { LedgerTable } from '../../ledger/record';
import { japaneseLabels } from '../../print/labels';

/**
 * The 媒体管理台帳's column table (domain.md §2): each field's SQL column, label and CSV form.
 * Insert/update SQL, row mapping and history diffs derive from it (CSV import comes with
 * issue #10 item 7; the synonyms are the headers of the Excel registers it will read).
 */
const label = (field: string) => `mediaFields.${field}`;

/** 保管場所: a managed list (storage_locations), optional; in CSV by its name. */
const storageLocation: ColumnSpec<number | null> = {
  ...(reference('storage_location_id', {
    label: label('storageLocationId'),
    key: 'storageLocation',
    kind: 'storageLocation',
    nameField: 'storageLocationName',
    unknownKey: 'validation.unknownStorageLocation',
    synonyms: ['保管場所', '保管庫', '保管先'],
  }) as unknown as ColumnSpec<number | null>),
  encode: (v) => v,
  decode: (raw) => (raw === null || raw === undefined ? null : Number(raw)),
};

export const mediaColumns: ColumnTable<MediumFields> = {
  mediaNo: text('media_no', { label: label('mediaNo'), synonyms: ['媒体番号', '管理No', '番号', '整理番号', 'ラベル番号'] }),
  type: choice('type', {
    label: label('type'),
    synonyms: ['種類', '媒体の種類', '媒体種別', '区分'],
    words: japaneseLabels('mediaTypes', mediaTypes),
    spellings: { USBメモリ: 'usb', USB: 'usb', SDカード: 'sd', 外付けHDD: 'hdd', DVD: 'optical', 'BD': 'optical', CD: 'optical', 紙: 'paper', 簿冊: 'paper' },
  }),
  makeModel: text('make_model', { label: label('makeModel'), synonyms: ['メーカー・型番', '型番', 'メーカー', '製品名'] }),
  serialNo: text('serial_no', { label: label('serialNo'), synonyms: ['製造番号', 'シリアル番号', 'シリアルNo'] }),
  capacity: text('capacity', { label: label('capacity'), synonyms: ['容量'] }),
  encrypted: choice('encrypted', {
    label: label('encrypted'),
    synonyms: ['暗号化', 'パスワード設定', '暗号化の有無'],
    words: japaneseLabels('mediaEncryption', mediaEncryptions),
    spellings: { なし: 'none', 無: 'none', パスワード: 'password', ハードウェア暗号化: 'hardware' },
  }),
  departmentId: reference('department_id', {
    label: label('departmentId'),
    key: 'department',
    kind: 'department',
    nameField: 'departmentName',
    unknownKey: 'validation.unknownDepartment',
    synonyms: ['課名', '担当課', '所管課', '部署', '課等', '所属'],
  }),
  custodian: text('custodian', { label: label('custodian'), synonyms: ['管理者', '保管責任者', '使用者'] }),
  storageLocationId: storageLocation,
  isBackupMedium: flag('is_backup_medium', { label: label('isBackupMedium'), synonyms: ['バックアップ用', 'バックアップ'] }),
  registeredAt: date('registered_at', { label: label('registeredAt'), synonyms: ['登録日', '購入日', '受入日'] }),
  remarks: text('remarks', { label: label('remarks'), synonyms: ['摘要', '備考欄'] }),
};

/** The media register as the kit sees it: table, columns, history and search. */
export const mediaLedger: LedgerTable<MediumFields> = {
  table: 'media',
  columns: mediaColumns,
  history: { table: 'media_history', recordColumn: 'medium_id' },
  // What a clerk searches a register by: the sticker's number, the model, the serial, who keeps it.
  search: { table: 'media_search', texts: (f) => [f.mediaNo, f.makeModel, f.serialNo, f.custodian, f.remarks] },
};

// 改ざん検査 compares each row and history row with what the access log recorded (db/ledger/integrity.ts).
// A medium's take-outs (持出管理簿, migration 0011) change only with a step in its history: checked as that history is.
reconcileWithAccessLog({
  ledger: mediaLedger,
  numberColumn: 'media_no',
  nameKey: 'tamperFindings.ledgers.media',
  departmentColumn: 'department_id',
  sideTables: [{ table: 'media_takeouts', recordColumn: 'medium_id', nameKey: 'tamperFindings.ledgers.mediaTakeouts' }],
});
