import { useTranslation } from 'react-i18next';
import type {
  AreaHistoryAction, AreaKind, AuthorizationHistoryAction, AuthorizationKind, AuthorizationState, DeviceRule, PersonKind,
} from '../../../db/contract/areaValues';
import type { Tone } from '../../components/StatusBadge';

/**
 * The areas' own words, kept once in renderer/i18n/ja/areas.ts for the screens, the 入退室管理簿
 * and the CSV alike (one label per thing). The register screens read them here.
 */
export function useAreaWords() {
  const { t, i18n } = useTranslation();
  const known = (prefix: string) => (f: string) => (i18n.exists(`${prefix}.${f}`) ? t(`${prefix}.${f}`) : f);
  return {
    areaField: (f: string) => t(`areaFields.${f}`),
    authField: (f: string) => t(`authorizationFields.${f}`),
    personField: (f: string) => t(`personFields.${f}`),
    /** A history entry's field: its label, or the code when the record no longer has such a field. */
    areaHistoryField: known('areaFields'),
    authHistoryField: known('authorizationFields'),
    areaKind: (k: AreaKind) => t(`areaKind.${k}`),
    deviceRule: (r: DeviceRule) => t(`areaDeviceRule.${r}`),
    escort: (required: boolean) => t(`areaEscortRule.${required ? 'required' : 'notRequired'}`),
    active: (active: boolean) => t(`areaActive.${active ? 'active' : 'retired'}`),
    personKind: (k: PersonKind) => t(`personKind.${k}`),
    authKind: (k: AuthorizationKind) => t(`authorizationKind.${k}`),
    authState: (s: AuthorizationState) => t(`authorizationState.${s}`),
    areaHistory: (a: AreaHistoryAction) => t(`areaHistoryAction.${a}`),
    authHistory: (a: AuthorizationHistoryAction) => t(`authorizationHistoryAction.${a}`),
  };
}

export type AreaWords = ReturnType<typeof useAreaWords>;

/** How an authorization's state reads at a glance: 期限切れ is a problem, まもなく期限 a warning (MIC §35). */
export const authorizationStateTone: Record<AuthorizationState, Tone> = { valid: 'ok', expiring: 'warning', expired: 'danger', revoked: 'muted' };
