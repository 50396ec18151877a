import { useTranslation } from 'react-i18next';
import type { DisposalTargetView } from '../../../db/contract/disposal';
import type { DisposalStatus } from '../../../db/contract/disposalValues';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { useDisposalWords } from './words';

// 承認待ち waits for the manager; 承認済 is the certified record; 訂正済 and 取消し are over.
const statusTone: Record<DisposalStatus, Tone> = { draft: 'neutral', requested: 'warning', approved: 'ok', amended: 'muted', cancelled: 'muted' };

/** 作成中 / 承認待ち / 承認済 / 訂正済 / 取消し. */
export function DisposalStatusBadge({ status, testId = 'disposal-status' }: { status: DisposalStatus; testId?: string }) {
  const w = useDisposalWords();
  return <StatusBadge label={w.status(status)} tone={statusTone[status]} testId={testId} />;
}

/** The bar back to the 廃棄記録簿, on the detail and while it loads. */
export function BackButton({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button-link back-link" onClick={onBack} data-testid="disposal-back">
      {t('disposalScreens.backToList')}
    </button>
  );
}

/**
 * A target's words: a medium's 種別 and status in the media register's words, a holding's
 * status in the holdings ledger's (the words are shared; the areas are not imported).
 */
export function useTargetWords() {
  const { t, i18n } = useTranslation();
  const w = useDisposalWords();
  const word = (key: string, fallback: string) => (i18n.exists(key) ? t(key) : fallback);
  return {
    // A medium's detail is the key of its 種別's word (mediaTypes.usb); a holding's is its name.
    detail: (v: { kind: string; detail: string }) => (v.kind === 'medium' && v.detail !== '' ? word(v.detail, v.detail) : v.detail),
    status: (v: { kind: string; status: string | null }) => {
      if (v.status === null) return '';
      return v.kind === 'medium' ? word(`mediaStatus.${v.status}`, v.status) : word(`holdingStatus.${v.status}`, v.status);
    },
    kind: (v: Pick<DisposalTargetView, 'kind'>) => w.targetKind(v.kind),
  };
}
