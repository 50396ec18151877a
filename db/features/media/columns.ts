import { mediaEncryptions, mediaTypes, type MediumFields } from '../../contract';
import { choice, date, departmentReference, flag, reference, text, type ColumnSpec, type ColumnTable } from '../../ledger/columns';
import { reconcileWithAccessLog } from '../../ledger/integrity';
import type { LedgerTable } from '../../ledger/record';
import { japaneseLabels } from '../../print/labels';

/**
 * The 媒体管理台帳's column table (domain.md §2): each field's SQL column, label and CSV form.
 * Insert/update SQL, row mapping, history diffs, CSV export and import (issue #10 item 7; the
 * synonyms are the headers of the Excel registers it reads) derive from it.
 */
const label = (field: string) => `mediaFields.${field}`;

/** 保管場所: a managed list (storage_locations), optional; in CSV by its name. */
const storageLocation: ColumnSpec<number | null> = {
  ...(reference('storage_location_id', {
    label: label('storageLocationId'),
    key: 'storageLocation',
    kind: 'storageLocation',
    nameField: 'storageLocationName',
    // On import the name is looked up among the reader's usable places; an unknown one is named (issue #10 item 7).
    unknownKey: 'mediaOutput.importErrors.unknownStorageLocation',
    namesUnknown: true,
    synonyms: ['保管場所', '保管庫', '保管先'],
  }) as unknown as ColumnSpec<number | null>),
  encode: (v) => v,
  decode: (raw) => (raw === null || raw === undefined ? null : Number(raw)),
};

/** 管理番号: Excel's 「No」 column is often a row counter (1, 2, 3 …), never taken as the number (the kit's identifiesRecord). */
const mediaNo = text('media_no', { label: label('mediaNo'), synonyms: ['媒体番号', '管理No', '番号', '整理番号', 'ラベル番号', 'No', 'No.', '媒体No'] });

/**
 * 暗号化 as Excel registers write it: often only 有/無 (〇/×). 有 says the medium asks for a
 * password or key, not how: it is read as the weaker protected value (パスワード), never as
 * ハードウェア暗号化, so the register claims no more than the file did (MIC §12).
 */
const encryptedSpellings = {
  なし: 'none', 無: 'none', 無し: 'none', '×': 'none', '✕': 'none', '-': 'none', 未: 'none',
  有: 'password', 有り: 'password', あり: 'password', '〇': 'password', '○': 'password', '◯': 'password', 済: 'password',
  パスワード: 'password', ソフトウェア暗号化: 'password', ハードウェア暗号化: 'hardware', 暗号化USB: 'hardware',
} as const;

export const mediaColumns: ColumnTable<MediumFields> = {
  mediaNo: { ...mediaNo, csv: mediaNo.csv && { ...mediaNo.csv, identifiesRecord: true } },
  type: choice('type', {
    label: label('type'),
    synonyms: ['種類', '媒体の種類', '媒体種別', '区分'],
    words: japaneseLabels('mediaTypes', mediaTypes),
    spellings: {
      USBメモリ: 'usb', USBメモリー: 'usb', USB: 'usb', SDカード: 'sd', SD: 'sd', microSD: 'sd', 外付けHDD: 'hdd', HDD: 'hdd', 外付けハードディスク: 'hdd',
      SSD: 'ssd', 外付けSSD: 'ssd', DVD: 'optical', 'DVD-R': 'optical', BD: 'optical', ブルーレイ: 'optical', CD: 'optical', 'CD-R': 'optical',
      紙: 'paper', 紙媒体: 'paper', 簿冊: 'paper', 書類: 'paper',
    },
  }),
  makeModel: text('make_model', { label: label('makeModel'), synonyms: ['メーカー・型番', '型番', 'メーカー', '製品名'] }),
  serialNo: text('serial_no', { label: label('serialNo'), synonyms: ['製造番号', 'シリアル番号', 'シリアルNo'] }),
  capacity: text('capacity', { label: label('capacity'), synonyms: ['容量'] }),
  encrypted: choice('encrypted', {
    label: label('encrypted'),
    synonyms: ['暗号化', 'パスワード設定', '暗号化の有無'],
    words: japaneseLabels('mediaEncryption', mediaEncryptions),
    spellings: encryptedSpellings,
  }),
  departmentId: departmentReference({
    label: label('departmentId'),
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
  sideTables: [
    // Placed in the take-out's own 課等 (0016), which a later move of the medium does not change (MIC §9).
    // 0016 rebuilt it with its 課等: every row's hash changed, so that migration re-baselines it alone.
    { table: 'media_takeouts', recordColumn: 'medium_id', nameKey: 'tamperFindings.ledgers.mediaTakeouts', departmentSql: 'SELECT department_id FROM media_takeouts WHERE rowid = ?', rebaselinedAt: [16] },
    // 点検 (migration 0014): each label read is pinned by its scan event (inventory.ts).
    // Named by its session and placed in the session's 課等 (an unknown label has no medium; another 課等's medium read here is not theirs to be told of).
    {
      table: 'media_inventory_scans',
      recordColumn: 'inventory_id',
      nameKey: 'tamperFindings.ledgers.mediaInventoryScans',
      departmentSql: 'SELECT i.department_id FROM media_inventory_scans s JOIN media_inventories i ON i.id = s.inventory_id WHERE s.rowid = ?',
    },
    // A session's row (its status, note and the outcome its closing fixed) is pinned by its start, close and cancel events.
    { table: 'media_inventories', recordColumn: 'id', nameKey: 'tamperFindings.ledgers.mediaInventories', departmentSql: 'SELECT department_id FROM media_inventories WHERE rowid = ?' },
    // 保管場所 (migration 0015 re-baselines it): the same-room flag decides the MIC §29 warning and what the backup register records; a shared place (no 課等) is told to the organisation-wide roles only.
    { table: 'storage_locations', recordColumn: 'id', nameKey: 'tamperFindings.ledgers.storageLocations', departmentSql: 'SELECT department_id FROM storage_locations WHERE rowid = ?', rebaselinedAt: [15] },
  ],
});
