import { disposalMethods, disposalPlaces, disposalResults, nistClasses, verificationOutcomes, type DisposalFields, type DisposalTarget } from '../../contract/disposal';
import { choice, date, departmentReference, reference, text, type ColumnSpec, type ColumnTable } from '../../ledger/columns';
import { reconcileWithAccessLog } from '../../ledger/integrity';
import type { LedgerTable } from '../../ledger/record';
import { japaneseLabels } from '../../print/labels';

/**
 * The 廃棄・消去記録's column table (domain.md §3; MIC §13): each field's SQL column, label and
 * how it is stored. Insert/update SQL, row mapping and history diffs derive from it. The
 * targets and the witnesses are JSON in the row, so 改ざん検査's row hash covers them (as a
 * medium's contents); disposal_targets is only their index, kept in the same step.
 */
const label = (field: string) => `disposalFields.${field}`;

/** A JSON value in one column (targets, witnesses); the book's CSV writes them in words of its own. */
function json<V>(column: string, field: string, fallback: string): ColumnSpec<V> {
  return {
    column,
    label: label(field),
    kind: 'list',
    csv: null,
    encode: (v) => JSON.stringify(v),
    decode: (raw) => JSON.parse(String(raw ?? fallback)) as V,
  };
}

const performedOn: ColumnSpec<string> = {
  ...(date('performed_on', { label: label('performedOn') }) as unknown as ColumnSpec<string>),
  decode: (raw) => String(raw ?? ''),
};

/** 立会者 are kept sorted: the same people in another order are no change (and hash the same). */
const witnessIds: ColumnSpec<number[]> = { ...json<number[]>('witness_ids', 'witnessIds', '[]'), encode: (v) => JSON.stringify([...v].sort((a, b) => a - b)) };

export const disposalColumns: ColumnTable<DisposalFields> = {
  departmentId: departmentReference({ label: label('departmentId') }),
  targets: json<DisposalTarget[]>('targets', 'targets', '[]'),
  nistClass: choice('nist_class', { label: label('nistClass'), words: japaneseLabels('disposalNistClass', nistClasses) }),
  method: choice('method', { label: label('method'), words: japaneseLabels('disposalMethod', disposalMethods) }),
  methodDetail: text('method_detail', { label: label('methodDetail') }),
  tool: text('tool', { label: label('tool') }),
  toolVersion: text('tool_version', { label: label('toolVersion') }),
  verificationMethod: text('verification_method', { label: label('verificationMethod') }),
  verificationOutcome: choice('verification_outcome', { label: label('verificationOutcome'), words: japaneseLabels('disposalVerificationOutcome', verificationOutcomes) }),
  performedOn,
  placeKind: choice('place_kind', { label: label('placeKind'), words: japaneseLabels('disposalPlace', disposalPlaces) }),
  placeDetail: text('place_detail', { label: label('placeDetail') }),
  operatorId: { ...(reference('operator_id', { label: label('operatorId'), key: 'operator', kind: 'user', nameField: 'operatorName', unknownKey: 'disposal.errors.unknownPerson' })), csv: null },
  witnessIds,
  contractorName: text('contractor_name', { label: label('contractorName') }),
  contractorCertificateNo: text('contractor_certificate_no', { label: label('contractorCertificateNo') }),
  contractorStaff: text('contractor_staff', { label: label('contractorStaff') }),
  result: choice('result', { label: label('result'), words: japaneseLabels('disposalResult', disposalResults) }),
  resultNote: text('result_note', { label: label('resultNote') }),
  remarks: text('remarks', { label: label('remarks') }),
};

/** The texts a clerk finds a record by (the 証明書番号 joins them at approval: approval.ts). */
function paperTexts(targets: readonly DisposalTarget[]): string[] {
  return targets.flatMap((t) => (t.kind === 'paper' ? [t.description] : []));
}

/** The register as the kit sees it: table, columns, history and search. */
export const disposalLedger: LedgerTable<DisposalFields> = {
  table: 'disposals',
  columns: disposalColumns,
  history: { table: 'disposal_history', recordColumn: 'disposal_id' },
  search: {
    table: 'disposal_search',
    texts: (f) => [f.methodDetail, f.contractorName, f.contractorCertificateNo, f.placeDetail, ...paperTexts(f.targets), f.remarks],
  },
};

/**
 * disposal_targets is an index of the row's media and holdings (as media_contents of a medium's
 * contents): not pinned itself, but the rule 「another disposal names it」 reads it, so 改ざん検査
 * names a record whose index rows differ from its pinned `targets` (an index row deleted behind
 * the app would let a second record name the same medium).
 */
const targetsIndexMismatch = `SELECT x.id FROM disposals x WHERE EXISTS (
    SELECT json_extract(j.value, '$.kind'), json_extract(j.value, '$.id') FROM json_each(x.targets) j WHERE json_extract(j.value, '$.kind') IN ('medium', 'holding')
    EXCEPT SELECT kind, target_id FROM disposal_targets WHERE disposal_id = x.id)
  OR EXISTS (
    SELECT kind, target_id FROM disposal_targets WHERE disposal_id = x.id
    EXCEPT SELECT json_extract(j.value, '$.kind'), json_extract(j.value, '$.id') FROM json_each(x.targets) j)
  ORDER BY x.id`;

// 改ざん検査 compares each row and history row with what the access log recorded (db/ledger/integrity.ts).
reconcileWithAccessLog({
  derivedIndexes: [{ mismatchSql: targetsIndexMismatch, fieldKey: label('targets') }],
  ledger: disposalLedger,
  numberColumn: "coalesce(certificate_no, '')",
  nameKey: 'tamperFindings.ledgers.disposals',
  departmentColumn: 'department_id',
  // Photos and scans (attachments.ts), pinned by their attach / detach events with their BLOBs as
  // SHA-256: bytes swapped under an unchanged sha256 column, or a print image (which the certificate
  // prints and no other column stands for) swapped, are named. Migration 0019 re-baselines the table.
  sideTables: [
    { table: 'disposal_attachments', recordColumn: 'disposal_id', nameKey: 'disposalAttachments.tamperName', digestedColumns: ['content', 'thumbnail', 'print_image'], rebaselinedAt: [19] },
    // Each printing of a certificate decides whether the next is 再発行 (certificate.ts pins it).
    { table: 'disposal_certificate_prints', recordColumn: 'disposal_id', nameKey: 'tamperFindings.ledgers.disposalCertificatePrints' },
  ],
});
