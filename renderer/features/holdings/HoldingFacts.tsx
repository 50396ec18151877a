import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Holding } from '../../../db/contract';
import { retentionWords } from '../../../db/contract/retention';
import { useFormat } from '../../appContext';
import { Fact, useFactWords } from '../../components/Facts';
import { CategoryCell, HoldingStatusBadge } from './parts';

/** All fields as a definition list, in the order of the paper ledger. */
export function HoldingFacts({ holding: h }: { holding: Holding }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { none, text } = useFactWords();
  const list = (v: string[]) => (v.length === 0 ? none : v.join(t('timeline.listSeparator')));
  const yesNo = (v: boolean) => (v ? <strong>{t('timeline.yes')}</strong> : t('timeline.no'));
  const date = (v: string | null) => (v ? fmt.date(v) : none);
  const day = (v: string | null) => (v ? fmt.day(v) : none);
  const f = (k: keyof Holding) => t(`holdingFields.${k}`);
  const count = h.subjectCount === null ? none : t(h.subjectCountApproximate ? 'holdingDetail.approximate' : 'holdingDetail.exact', { count: h.subjectCount.toLocaleString('ja-JP') });
  return (
    <dl className="holding-facts" data-testid="holding-facts">
      <Fact label={f('ledgerNo')}>
        <span className="monospace">{h.ledgerNo}</span>
      </Fact>
      <Fact label={f('departmentId')}>{h.departmentName}</Fact>
      <Fact label={f('name')} wide>
        {h.name}
      </Fact>
      <Fact label={f('owner')}>{text(h.owner)}</Fact>
      <Fact label={f('handlers')}>{list(h.handlers)}</Fact>
      <Fact label={f('purpose')} wide>
        {text(h.purpose)}
      </Fact>
      <Fact label={f('recordItems')} wide>
        {list(h.recordItems)}
      </Fact>
      <Fact label={f('recordScope')}>{text(h.recordScope)}</Fact>
      <Fact label={f('collectionMethod')}>{text(h.collectionMethod)}</Fact>
      <Fact label={f('subjectCount')}>{count}</Fact>
      <Fact label={f('medium')}>{t(`holdingMedia.${h.medium}`)}</Fact>
      <Fact label={f('containsSensitive')}>{yesNo(h.containsSensitive)}</Fact>
      <Fact label={f('containsMyNumber')}>{yesNo(h.containsMyNumber)}</Fact>
      <Fact label={f('storageLocation')}>{text(h.storageLocation)}</Fact>
      <Fact label={f('storageMethod')}>{text(h.storageMethod)}</Fact>
      <Fact label={f('authorizedPersons')}>{list(h.authorizedPersons)}</Fact>
      <Fact label={f('recipients')}>{list(h.recipients)}</Fact>
      <Fact label={f('contractors')}>{list(h.contractors)}</Fact>
      <Fact label={f('foreignHandling')}>{text(h.foreignHandling)}</Fact>
      <Fact label={f('useUntil')}>{date(h.useUntil)}</Fact>
      <Fact label={f('retention')}>{h.retention ? retentionWords(h.retention, { text: (key, params) => t(key, params), formatDate: fmt.date }) : none}</Fact>
      <Fact label={f('disposalMethod')} wide>
        {text(h.disposalMethod)}
      </Fact>
      <Fact label={f('remarks')} wide>
        {text(h.remarks)}
      </Fact>
      <HoldingDecisionFacts holding={h} none={none} />
      <Fact label={f('lastReviewedAt')}>{day(h.lastReviewedAt)}</Fact>
      <Fact label={f('updatedAt')}>{t('holdingDetail.decidedBy', { name: h.lastEditedBy, date: fmt.instant(h.updatedAt) })}</Fact>
    </dl>
  );
}

/** 管理区分 (decided or suggested, by whom), its reason, the status and the 照合. */
function HoldingDecisionFacts({ holding: h, none }: { holding: Holding; none: ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const f = (k: keyof Holding) => t(`holdingFields.${k}`);
  const stale = h.verifiedVersion !== null && h.verifiedVersion !== h.version;
  return (
    <>
      <Fact label={f('category')}>
        <CategoryCell category={h.category} suggested={h.suggestedCategory} />
        {h.category && h.category !== h.suggestedCategory && <span className="muted"> {t('holdingDetail.suggested', { category: h.suggestedCategory })}</span>}
        {h.categoryDecidedBy && <span className="cell-note">{t('holdingDetail.decidedBy', { name: h.categoryDecidedBy, date: fmt.day(h.categoryDecidedAt) })}</span>}
      </Fact>
      <Fact label={f('categoryReason')}>{h.categoryReason.trim() === '' ? none : <span className="prewrap">{h.categoryReason}</span>}</Fact>
      <Fact label={f('status')}>
        <HoldingStatusBadge status={h.status} />
      </Fact>
      <Fact label={f('verifiedBy')}>
        {h.verifiedBy ?? <span className="muted">{t('holdingDetail.notVerified')}</span>}
        {/* After a change the verification vouches for an older version, as the printed sheet says. */}
        {stale && <span className="cell-note">{t('holdingDetail.verifiedEarlier', { version: h.verifiedVersion })}</span>}
      </Fact>
      <Fact label={f('verifiedAt')}>{h.verifiedAt ? fmt.day(h.verifiedAt) : none}</Fact>
    </>
  );
}
