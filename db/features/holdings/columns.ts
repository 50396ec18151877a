import { holdingMedia, type HoldingFields } from '../../contract';
import { parseCountCell } from '../../ledger/csv/cells';
import { choice, date, departmentReference, flag, integer, retention, text, textList, type ColumnSpec, type ColumnTable } from '../../ledger/columns';
import { reconcileWithAccessLog } from '../../ledger/integrity';
import type { LedgerTable } from '../../ledger/record';
import { japaneseLabels } from '../../print/labels';

/**
 * The 保有個人情報等台帳's column table (domain.md §1): each field's SQL column, label and
 * CSV form. Insert/update SQL, row mapping, history diffs, CSV export and import derive
 * from it. Synonyms are other ledgers' headers and this app's earlier export headers, so
 * last year's files still import.
 */
const label = (field: string) => `holdingFields.${field}`;

/** 本人の数 in one cell: 「約3,000人」 sets the count and marks it approximate. */
const subjectCount: ColumnSpec<number | null> = {
  ...integer('subject_count', { label: label('subjectCount') }),
  csv: {
    synonyms: ['本人数', '人数', '対象者数', '本人の人数', '件数'],
    covers: ['subjectCountApproximate'],
    write: (value, record) => (value === null ? '' : `${record.subjectCountApproximate ? '約' : ''}${value}`),
    read: (cell) => {
      const parsed = parseCountCell(cell);
      return parsed === null ? { error: 'validation.invalidType' } : { value: parsed.count, also: { subjectCountApproximate: parsed.approximate } };
    },
  },
};

/** 管理番号: Excel's 「No」 column is often a row counter (1, 2, 3 …), never taken as the number. */
const ledgerNo = text('ledger_no', { label: label('ledgerNo'), synonyms: ['番号', '台帳番号', '整理番号', 'No', 'No.', '管理No', '連番', '通し番号'] });

export const holdingColumns: ColumnTable<HoldingFields> = {
  ledgerNo: { ...ledgerNo, csv: ledgerNo.csv && { ...ledgerNo.csv, identifiesRecord: true } },
  name: text('name', { label: label('name'), synonyms: ['名称', 'ファイル名', '個人情報ファイル名', '個人情報ファイルの名前', 'ファイルの名称', '台帳名'] }),
  departmentId: departmentReference({
    label: label('department'),
    synonyms: ['課名', '担当課', '所管課', '担当部署', '部署', '課等', '担当課名', '部署名', '所属', '所属課'],
  }),
  owner: text('owner', { label: label('owner'), synonyms: ['責任者', '管理責任者名'] }),
  handlers: textList('handlers', { label: label('handlers'), synonyms: ['担当者名', '取扱者', '事務取扱担当者'] }),
  purpose: text('purpose', { label: label('purpose'), synonyms: ['目的', '利用の目的'] }),
  recordItems: textList('record_items', { label: label('recordItems'), synonyms: ['項目', '記録項目名'] }),
  recordScope: text('record_scope', { label: label('recordScope'), synonyms: ['記録の範囲', '本人の範囲'] }),
  collectionMethod: text('collection_method', { label: label('collectionMethod'), synonyms: ['収集の方法', '取得方法'] }),
  subjectCount,
  subjectCountApproximate: flag('subject_count_approximate', { label: label('subjectCountApproximate'), csv: null }),
  containsSensitive: flag('contains_sensitive', {
    label: label('containsSensitive'),
    synonyms: ['要配慮', '要配慮個人情報', '要配慮個人情報の有無', '要配慮個人情報を含むか'],
  }),
  containsMyNumber: flag('contains_my_number', {
    label: label('containsMyNumber'),
    synonyms: ['特定個人情報を含む', '個人番号', '特定個人情報', '個人番号を含む', '特定個人情報の有無', 'マイナンバー'],
  }),
  medium: choice('medium', {
    label: label('medium'),
    synonyms: ['媒体の種類', '記録媒体', '媒体区分'],
    words: japaneseLabels('holdingMedia', holdingMedia),
    spellings: {
      紙媒体: 'paper', 電子媒体: 'electronic', 電磁的記録: 'electronic', 電子データ: 'electronic', 電子ファイル: 'electronic',
      両方: 'both', '紙・電子': 'both', 紙及び電子: 'both', 紙および電子: 'both', 紙と電子: 'both', '紙/電子': 'both', '紙,電子': 'both',
      '紙、電子': 'both', '電子・紙': 'both', '紙・電子媒体': 'both', '紙媒体・電子媒体': 'both', 紙及び電磁的記録: 'both',
    },
  }),
  storageLocation: text('storage_location', { label: label('storageLocation'), synonyms: ['保管の場所'] }),
  storageMethod: text('storage_method', { label: label('storageMethod'), synonyms: ['保管の方法'] }),
  authorizedPersons: textList('authorized_persons', { label: label('authorizedPersons'), synonyms: ['アクセス権者', 'アクセス権限を有する者', 'アクセス権限者'] }),
  recipients: textList('recipients', { label: label('recipients'), synonyms: ['提供先', '経常的な提供先'] }),
  contractors: textList('contractors', { label: label('contractors'), synonyms: ['委託先名', '業務委託先'] }),
  foreignHandling: text('foreign_handling', { label: label('foreignHandling'), synonyms: ['外国での取扱', '外国における取扱い', '外国における取扱', '外国での取り扱い'] }),
  useUntil: date('use_until', { label: label('useUntil'), synonyms: ['利用期間'] }),
  // 「保存期間・保存期限」 is the header this app wrote before 保存期限 took 永年 and 「5年」.
  retention: retention('retention', { label: label('retention'), synonyms: ['保存期間・保存期限', '保存期間', '保存年限', '保管期限', '保管期間'] }),
  disposalMethod: text('disposal_method', { label: label('disposalMethod'), synonyms: ['廃棄の方法', '廃棄・消去方法'] }),
  remarks: text('remarks', { label: label('remarks'), synonyms: ['摘要', '備考欄'] }),
};

/** The holdings ledger as the kit sees it: table, columns, history and search. */
export const holdingsLedger: LedgerTable<HoldingFields> = {
  table: 'holdings',
  columns: holdingColumns,
  history: { table: 'holding_history', recordColumn: 'holding_id' },
  // 管理番号, name, purpose and record items are what a clerk searches by.
  search: { table: 'holding_search', texts: (f) => [f.ledgerNo, f.name, f.purpose, ...f.recordItems] },
};

// 改ざん検査 compares each row and history row with what the access log recorded (db/ledger/integrity.ts).
reconcileWithAccessLog({ ledger: holdingsLedger, numberColumn: 'ledger_no', nameKey: 'tamperFindings.ledgers.holdings', departmentColumn: 'department_id' });
