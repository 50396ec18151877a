import { useTranslation } from 'react-i18next';
import type { MediaType } from '../../../db/contract/mediaValues';
import { useLoad } from '../../useLoad';

/**
 * 管理番号 on a new medium may be left empty: main numbers it by the rule of its 課等 and 種別
 * (issue #10 item 2). The hint names the number a save would get now — another save may take it
 * first; the saved medium shows the number actually given — or says that no rule covers them.
 */
export function useMediaNoHint(creating: boolean, departmentId: string, type: MediaType | ''): { required: boolean; hint: string } {
  const { t } = useTranslation();
  const ask = creating && departmentId !== '' && type !== '';
  const upcoming = useLoad('media.numbering.next', ask ? { departmentId: Number(departmentId), type: type as MediaType } : null);
  if (!creating) return { required: true, hint: t('mediaForm.mediaNoHint') };
  const next = upcoming.data?.mediaNo;
  if (next) return { required: false, hint: t('mediaLabels.form.upcomingHint', { mediaNo: next }) };
  return { required: upcoming.data !== undefined, hint: upcoming.data ? t('mediaLabels.form.noRuleHint') : t('mediaForm.mediaNoHint') };
}
