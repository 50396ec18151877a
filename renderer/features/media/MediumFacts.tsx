import { useTranslation } from 'react-i18next';
import type { Medium } from '../../../db/contract';
import { useFormat } from '../../appContext';
import { Fact, useFactWords } from '../../components/Facts';

/** All fields as a definition list, in the order of domain.md §2. */
export function MediumFacts({ medium: m }: { medium: Medium }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { none, text } = useFactWords();
  const f = (k: keyof Medium) => t(`mediaFields.${k}`);
  return (
    <dl className="holding-facts" data-testid="medium-facts">
      <Fact label={f('mediaNo')}>
        <span className="monospace">{m.mediaNo}</span>
      </Fact>
      <Fact label={f('type')}>{t(`mediaTypes.${m.type}`)}</Fact>
      <Fact label={f('makeModel')}>{text(m.makeModel)}</Fact>
      <Fact label={f('serialNo')}>{text(m.serialNo)}</Fact>
      <Fact label={f('capacity')}>{text(m.capacity)}</Fact>
      <Fact label={f('encrypted')}>{t(`mediaEncryption.${m.encrypted}`)}</Fact>
      <Fact label={f('departmentId')}>{m.departmentName}</Fact>
      <Fact label={f('custodian')}>{text(m.custodian)}</Fact>
      <Fact label={f('storageLocationId')}>{m.storageLocationName ?? none}</Fact>
      <Fact label={f('isBackupMedium')}>{m.isBackupMedium ? <strong>{t('timeline.yes')}</strong> : t('timeline.no')}</Fact>
      <Fact label={f('registeredAt')}>{m.registeredAt ? fmt.date(m.registeredAt) : none}</Fact>
      <Fact label={f('lastSeenAt')}>{m.lastSeenAt ? fmt.dateLike(m.lastSeenAt) : <span className="muted">{t('media.neverSeen')}</span>}</Fact>
      <Fact label={f('remarks')} wide>
        {text(m.remarks)}
      </Fact>
    </dl>
  );
}
