import { useTranslation } from 'react-i18next';
import type { DisposalHistoryAction, DisposalMethod, DisposalPlace, DisposalResult, DisposalStatus, DisposalTargetKind, NistClass, VerificationOutcome } from '../../../db/contract/disposalValues';

/**
 * The record's own words, kept once in renderer/i18n/ja/disposal.ts for the screen, the
 * certificate, the 廃棄記録簿 and the CSV alike (one label per thing). The screens read them here.
 */
export function useDisposalWords() {
  const { t, i18n } = useTranslation();
  return {
    field: (f: string) => t(`disposalFields.${f}`),
    /** A history entry's field: its label, or the code when the record no longer has such a field. */
    historyField: (f: string) => (i18n.exists(`disposalFields.${f}`) ? t(`disposalFields.${f}`) : f),
    status: (s: DisposalStatus) => t(`disposalStatus.${s}`),
    nistClass: (c: NistClass) => t(`disposalNistClass.${c}`),
    method: (m: DisposalMethod) => t(`disposalMethod.${m}`),
    outcome: (o: VerificationOutcome) => t(`disposalVerificationOutcome.${o}`),
    place: (p: DisposalPlace) => t(`disposalPlace.${p}`),
    result: (r: DisposalResult) => t(`disposalResult.${r}`),
    targetKind: (k: DisposalTargetKind) => t(`disposalTargetKind.${k}`),
    history: (a: DisposalHistoryAction) => t(`disposalHistory.${a}`),
  };
}
