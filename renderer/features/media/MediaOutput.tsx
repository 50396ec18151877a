import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TakeoutFilters } from '../../../db/contract';
import { mediaImportFieldLabels, mediaImportFields } from '../../../db/contract/mediaValues';
import { useApi } from '../../api';
import { useCan } from '../../appContext';
import { ImportWizard } from '../../components/ImportWizard';
import { OutputButtons } from '../../components/OutputButtons';
import type { ListQuery } from './model';

/**
 * The register's 取込み (media.master: registering media is the 保護担当者's) and its CSV / 印刷 /
 * PDF of the rows the filters show, in the list's order (issue #10 item 7). Main decides again:
 * the password, the bulk-export reason (MIC §22) and the reader's 課等 (MIC §9).
 */
export function MediaOutputToolbar({ query, onImported }: { query: ListQuery; onImported(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { filters, sort, direction } = query;
  return (
    <>
      <div className="toolbar toolbar-wrap">
        {can('media.master') && (
          <div className="toolbar-group">
            <button type="button" onClick={() => setImporting(true)} data-testid="media-import">
              {t('mediaOutput.importCsv')}
            </button>
          </div>
        )}
        <OutputButtons
          exportCsv={() => api('media.exportCsv', { filters, sort, direction })}
          printList={(target) => api('media.printList', { filters, sort, direction, target })}
          labels={{ csv: t('mediaOutput.exportCsv'), print: t('mediaOutput.printList'), pdf: t('mediaOutput.pdfList') }}
          testId="media"
        />
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="media-import-notice">
          {notice}
        </p>
      )}
      {importing && (
        <MediaImport
          onClose={(created) => {
            setImporting(false);
            if (created === null) return;
            setNotice(t('mediaOutput.importCommitted', { count: created }));
            onImported();
          }}
        />
      )}
    </>
  );
}

/** CSV取込み of an existing register: each row a medium in the 状態 its file gives (blank: 保管中; 持出中 refused), all or none. */
function MediaImport({ onClose }: { onClose(created: number | null): void }) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ImportWizard
      intro={t('mediaOutput.importIntro')}
      fields={mediaImportFields}
      fieldLabel={(f) => t(`mediaFields.${mediaImportFieldLabels[f]}`)}
      open={() => api('media.import.open', {})}
      check={(importId, mapping) => api('media.import.check', { importId, mapping })}
      commit={(importId, mapping) => api('media.import.commit', { importId, mapping })}
      onClose={onClose}
      testId="media-import-dialog"
    />
  );
}

/** CSV / 印刷 / PDF of the 持出管理簿 as the tab's filters show it, newest request first. */
export function TakeoutOutputToolbar({ filters }: { filters: TakeoutFilters }) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <div className="toolbar toolbar-wrap">
      <OutputButtons
        exportCsv={() => api('media.takeout.exportCsv', { filters })}
        printList={(target) => api('media.takeout.printList', { filters, target })}
        labels={{ csv: t('mediaOutput.takeoutExportCsv'), print: t('mediaOutput.takeoutPrintList'), pdf: t('mediaOutput.takeoutPdfList') }}
        testId="takeouts"
      />
    </div>
  );
}
