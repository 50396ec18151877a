import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../db/contract/areaVisits';
import type { InspectionResult, PersonKind, VisitException, VisitHistoryAction, VisitStatus } from '../../../db/contract/areaValues';

/**
 * A visit's words, kept once in renderer/i18n/ja/areas.ts for the door, the book on screen, the
 * printed 入退室管理簿 and its CSV alike (one label per thing). The book's screens read them here.
 */
export function useVisitWords() {
  const { t, i18n } = useTranslation();
  return {
    field: (f: string) => t(`visitFields.${f}`),
    /** A history entry's field: its label, or the code when the visit has no such field on screen. */
    historyField: (f: string) => (i18n.exists(`visitFields.${f}`) ? t(`visitFields.${f}`) : f),
    status: (s: VisitStatus) => t(`visitStatus.${s}`),
    personKind: (k: PersonKind) => t(`personKind.${k}`),
    inspection: (r: InspectionResult) => t(`inspectionResult.${r}`),
    exception: (e: VisitException) => t(`visitException.${e}`),
    history: (a: VisitHistoryAction) => t(`visitHistoryAction.${a}`),
    /** Whether the 入館証 came back: 返却済 / 未返却, 貸出なし when none was lent (null: not yet asked, still inside). */
    badgeState: (v: Pick<Visit, 'badgeNo' | 'badgeReturned'>) => {
      if (v.badgeNo === '') return t('badgeReturned.none');
      if (v.badgeReturned === null) return null;
      return t(v.badgeReturned ? 'badgeReturned.returned' : 'badgeReturned.notReturned');
    },
  };
}
