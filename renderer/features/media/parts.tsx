import { useTranslation } from 'react-i18next';
import type { MediaStatus } from '../../../db/contract/mediaValues';
import { StatusBadge, type Tone } from '../../components/StatusBadge';

// 所在不明 is a problem to follow up (MIC §42); 持出中 waits for a return.
const statusTone: Record<MediaStatus, Tone> = { in_storage: 'ok', checked_out: 'warning', missing: 'danger', retired: 'muted', disposed: 'muted' };

/** 保管中 / 持出中 / 所在不明 / 廃止 / 廃棄済. */
export function MediumStatusBadge({ status }: { status: MediaStatus }) {
  const { t } = useTranslation();
  return <StatusBadge label={t(`mediaStatus.${status}`)} tone={statusTone[status]} testId="medium-status" />;
}

/** The bar back to the list, on the detail and while it loads. */
export function BackButton({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button-link back-link" onClick={onBack} data-testid="medium-back">
      {t('media.backToList')}
    </button>
  );
}
