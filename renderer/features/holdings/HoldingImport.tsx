import { useTranslation } from 'react-i18next';
import { importableFields } from '../../../db/contract/holdingValues';
import { useApi } from '../../api';
import { ImportWizard } from '../../components/ImportWizard';

/** CSV取込み of ledger entries: every row becomes an entry to verify (要照合). */
export function HoldingImport({ onClose }: { onClose(created: number | null): void }) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ImportWizard
      intro={t('holdings.importIntro')}
      fields={importableFields}
      fieldLabel={(f) => t(`holdingFields.${f}`)}
      open={() => api('holdings.import.open', {})}
      check={(importId, mapping) => api('holdings.import.check', { importId, mapping })}
      commit={(importId, mapping) => api('holdings.import.commit', { importId, mapping })}
      onClose={onClose}
      testId="holding-import-dialog"
    />
  );
}
