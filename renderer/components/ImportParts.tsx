import { useTranslation } from 'react-i18next';
import type { ImportRowError } from '../../db/contract';
import { useFormat } from '../appContext';
import { DataTable, type Column } from './DataTable';
import { issueMessage } from './forms';
import { ImportPreview, type ImportPreviewData } from './ImportPreview';

/** What main reports about an opened file (the shape of every ledger's `*.import.open`). */
export interface ImportOpened<F extends string> {
  importId: string;
  fileName: string;
  encoding: 'utf-8' | 'shift_jis';
  headers: string[];
  /** Excel's row of the header (1 unless blank lines come first). */
  headerRow: number;
  rowCount: number;
  sample: string[][];
  /** Excel's row of each sample row. */
  sampleRows: number[];
  suggestedMapping: Record<string, F>;
  /** The mapping offered is the one chosen before for a file with these headers. */
  mappingRemembered: boolean;
  /** Columns that only count rows (1, 2, 3 …). */
  rowCounters: string[];
}

/** Every row checked against the mapping (the shape of every ledger's `*.import.check`). */
export interface ImportChecked {
  rowCount: number;
  errors: ImportRowError[];
  errorsTruncated: boolean;
  preview: ImportPreviewData;
  /** Rows the ledger numbers itself (no number in the file): how many, from which number. */
  numbering: { field: string; count: number; first: string } | null;
}

/** The file's name, encoding and size, then its first rows as a sample. */
export function ImportFileFacts({ opened }: { opened: ImportOpened<string> }) {
  const { t } = useTranslation();
  const columns: Column<{ cells: string[]; index: number }>[] = [
    // Excel's row numbers, as every message names rows.
    { id: 'row', header: t('importWizard.row'), cell: (r) => opened.sampleRows[r.index] ?? '', className: 'col-number' },
    ...opened.headers.map((h, c): Column<{ cells: string[]; index: number }> => ({ id: String(c), header: h, cell: (r) => r.cells[c] ?? '', className: 'sample-cell', headerClassName: '' })),
  ];
  return (
    <>
      <dl className="facts" data-testid="import-file">
        <dt>{t('importWizard.fileName')}</dt>
        <dd className="monospace">{opened.fileName}</dd>
        <dt>{t('importWizard.encoding')}</dt>
        <dd>{opened.encoding === 'utf-8' ? t('importWizard.encoding_utf8') : t('importWizard.encoding_sjis')}</dd>
        <dt>{t('importWizard.rowCount')}</dt>
        <dd data-testid="import-row-count">{t('importWizard.rows', { count: opened.rowCount })}</dd>
      </dl>
      <h3>{t('importWizard.sample')}</h3>
      <DataTable columns={columns} rows={opened.sample.map((cells, index) => ({ cells, index }))} rowKey={(r) => r.index} wrapClassName="import-sample" testId="import-sample" />
    </>
  );
}

interface ImportMappingProps<F extends string> {
  headers: string[];
  mapping: Record<string, F | ''>;
  fields: readonly F[];
  fieldLabel(field: F): string;
  onChange(header: string, field: F | ''): void;
}

/** Step 2: for each CSV column, the field it is imported as (or 取り込まない). */
export function ImportMapping<F extends string>({ headers, mapping, fields, fieldLabel, onChange }: ImportMappingProps<F>) {
  const { t } = useTranslation();
  const columns: Column<{ header: string; index: number }>[] = [
    { id: 'column', header: t('importWizard.csvColumn'), cell: ({ header, index }) => <label htmlFor={`import-map-${index}`}>{header}</label> },
    {
      id: 'target',
      header: t('importWizard.target'),
      cell: ({ header, index }) => (
        <select id={`import-map-${index}`} value={mapping[header] ?? ''} onChange={(e) => onChange(header, e.target.value as F | '')} data-testid={`import-map-${index}`}>
          <option value="">{t('importWizard.skip')}</option>
          {fields.map((f) => (
            <option key={f} value={f}>
              {fieldLabel(f)}
            </option>
          ))}
        </select>
      ),
    },
  ];
  return (
    <>
      <h3>{t('importWizard.step2')}</h3>
      <p className="muted">{t('importWizard.mappingIntro')}</p>
      <DataTable columns={columns} rows={headers.map((header, index) => ({ header, index }))} rowKey={(r) => r.index} className="narrow mapping-table" testId="import-mapping" />
    </>
  );
}

/**
 * Step 2's outcome: no errors (the import may go on), or every row error with its message;
 * then the preview of the first rows as the ledger will hold them.
 */
export function ImportCheckResult({ checked, fieldLabel }: { checked: ImportChecked; fieldLabel(field: string): string }) {
  const { t } = useTranslation();
  return (
    <>
      {checked.errors.length === 0 ? (
        <div className="alert alert-ok" role="status" data-testid="import-check-ok">
          {t('importWizard.noErrors', { count: checked.rowCount })}
        </div>
      ) : (
        <ImportErrors checked={checked} />
      )}
      {checked.numbering && (
        <p className="muted" data-testid="import-numbering">
          {t('importWizard.numbersAssigned', { count: checked.numbering.count, first: checked.numbering.first, field: fieldLabel(checked.numbering.field) })}
        </p>
      )}
      <ImportPreview preview={checked.preview} fieldLabel={fieldLabel} />
    </>
  );
}

function ImportErrors({ checked }: { checked: ImportChecked }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const columns: Column<ImportRowError & { index: number }>[] = [
    { id: 'row', header: t('importWizard.row'), className: 'col-number', cell: (e) => (e.row === 0 ? t('importWizard.headerRow') : t('importWizard.rowNumber', { row: e.row })) },
    { id: 'column', header: t('importWizard.column'), cell: (e) => e.column },
    {
      id: 'message',
      header: t('importWizard.message'),
      className: 'wrap',
      headerClassName: '',
      cell: (e) => issueMessage(t, i18n, { path: [e.field], messageKey: e.messageKey, ...(e.params ? { params: e.params } : {}) }, fmt),
    },
  ];
  return (
    <div data-testid="import-errors">
      <div className="alert alert-error" role="alert">
        <p>{t('importWizard.errorCount', { count: checked.errors.length })}</p>
        {checked.errorsTruncated && <p>{t('importWizard.truncated')}</p>}
      </div>
      <DataTable columns={columns} rows={checked.errors.map((e, index) => ({ ...e, index }))} rowKey={(e) => e.index} wrapClassName="import-errors" />
    </div>
  );
}
