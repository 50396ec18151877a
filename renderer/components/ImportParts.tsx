import { useTranslation } from 'react-i18next';
import type { ImportRowError } from '../../db/contract';
import { useFormat } from '../appContext';
import { DataTable, type Column } from './DataTable';
import { issueMessage } from './forms';

/** What main reports about an opened file (the shape of every ledger's `*.import.open`). */
export interface ImportOpened<F extends string> {
  importId: string;
  fileName: string;
  encoding: 'utf-8' | 'shift_jis';
  headers: string[];
  rowCount: number;
  sample: string[][];
  suggestedMapping: Record<string, F>;
}

/** Every row checked against the mapping (the shape of every ledger's `*.import.check`). */
export interface ImportChecked {
  rowCount: number;
  errors: ImportRowError[];
  errorsTruncated: boolean;
}

/** The file's name, encoding and size, then its first rows as a sample. */
export function ImportFileFacts({ opened }: { opened: ImportOpened<string> }) {
  const { t } = useTranslation();
  const columns: Column<{ cells: string[]; index: number }>[] = opened.headers.map((h, c) => ({ id: String(c), header: h, cell: (r) => r.cells[c] ?? '', className: 'sample-cell', headerClassName: '' }));
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

/** Step 2's outcome: no errors (the import may go on), or every row error with its message. */
export function ImportCheckResult({ checked }: { checked: ImportChecked }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  if (checked.errors.length === 0) {
    return (
      <div className="alert alert-ok" role="status" data-testid="import-check-ok">
        {t('importWizard.noErrors', { count: checked.rowCount })}
      </div>
    );
  }
  const columns: Column<ImportRowError & { index: number }>[] = [
    { id: 'row', header: t('importWizard.row'), className: 'col-number', cell: (e) => (e.row === 0 ? t('importWizard.headerRow') : e.row) },
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
