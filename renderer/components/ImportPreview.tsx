import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from './DataTable';

/** The first rows as the ledger will hold them (the shape of every ledger's check `preview`). */
export interface ImportPreviewData {
  columns: { column: string; field: string }[];
  rows: { row: number; cells: { text: string; ok: boolean }[] }[];
}

type PreviewRow = ImportPreviewData['rows'][number];

/**
 * Before 取り込む: how each mapped cell was read (「１，２００」 → 1200, 「R10.3.31」 → a date,
 * 「永年」), under the field's name, each row with the number Excel shows it on.
 */
export function ImportPreview({ preview, fieldLabel }: { preview: ImportPreviewData; fieldLabel(field: string): string }) {
  const { t } = useTranslation();
  if (preview.rows.length === 0 || preview.columns.length === 0) return null;
  const columns: Column<PreviewRow>[] = [
    { id: 'row', header: t('importWizard.row'), className: 'col-number', cell: (r) => r.row },
    ...preview.columns.map(
      (c, index): Column<PreviewRow> => ({
        id: String(index),
        header: (
          <>
            {fieldLabel(c.field)}
            {/* The file's own heading, when it says something else. */}
            {c.column !== fieldLabel(c.field) && <span className="preview-source">{c.column}</span>}
          </>
        ),
        headerClassName: '',
        className: 'sample-cell',
        cell: (r) => {
          const cell = r.cells[index];
          if (!cell) return '';
          return cell.ok ? cell.text : <span className="preview-unread" title={t('importWizard.previewUnread')}>{cell.text}</span>;
        },
      }),
    ),
  ];
  return (
    <section aria-labelledby="import-preview-title">
      <h3 id="import-preview-title">{t('importWizard.preview', { count: preview.rows.length })}</h3>
      <p className="muted">{t('importWizard.previewIntro')}</p>
      <DataTable columns={columns} rows={preview.rows} rowKey={(r) => r.row} wrapClassName="import-sample" testId="import-preview" rowProps={(r) => ({ 'data-testid': `import-preview-row-${r.row}` })} />
    </section>
  );
}
