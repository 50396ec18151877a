import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Disposal, DisposalTargetView } from '../../../db/contract/disposal';
import { useFormat } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { Fact, useFactWords } from '../../components/Facts';
import { useTargetWords } from './parts';
import { useDisposalWords } from './words';

/** Every field of the record as a definition list, in the order of domain.md §3 (the certificate's order). */
export function DisposalFacts({ disposal: d }: { disposal: Disposal }) {
  const { t } = useTranslation();
  const w = useDisposalWords();
  const fmt = useFormat();
  const { none, text } = useFactWords();
  const f = (k: string) => w.field(k);
  const who = (name: string | null, at: string | null) => (name && at ? t('disposalScreens.byAt', { name, at: fmt.instant(at) }) : none);
  return (
    <dl className="holding-facts" data-testid="disposal-facts">
      <Fact label={f('certificateNo')}>{d.certificateNo ? <span className="monospace">{d.certificateNo}</span> : <span className="muted">{t('disposalScreens.unnumbered')}</span>}</Fact>
      <Fact label={f('departmentId')}>{d.departmentName}</Fact>
      <Fact label={f('nistClass')}>{w.nistClass(d.nistClass)}</Fact>
      <Fact label={f('method')}>{w.method(d.method)}</Fact>
      <Fact label={f('methodDetail')} wide>
        {text(d.methodDetail)}
      </Fact>
      <Fact label={f('tool')}>{text(d.tool)}</Fact>
      <Fact label={f('toolVersion')}>{text(d.toolVersion)}</Fact>
      <Fact label={f('verificationMethod')}>{text(d.verificationMethod)}</Fact>
      <Fact label={f('verificationOutcome')}>{w.outcome(d.verificationOutcome)}</Fact>
      <Fact label={f('performedOn')}>{fmt.date(d.performedOn)}</Fact>
      <Fact label={f('placeKind')}>{w.place(d.placeKind)}</Fact>
      <Fact label={f('placeDetail')}>{text(d.placeDetail)}</Fact>
      <Fact label={f('operatorId')}>{d.operatorName}</Fact>
      <Fact label={f('witnessIds')}>{d.witnesses.length > 0 ? d.witnesses.map((w) => w.name).join(t('timeline.listSeparator')) : none}</Fact>
      {d.placeKind === 'contractor' && (
        <>
          <Fact label={f('contractorName')}>{text(d.contractorName)}</Fact>
          <Fact label={f('contractorCertificateNo')}>{text(d.contractorCertificateNo)}</Fact>
          <Fact label={f('contractorStaff')}>{text(d.contractorStaff)}</Fact>
        </>
      )}
      <Fact label={f('result')}>{w.result(d.result)}</Fact>
      <Fact label={f('resultNote')} wide>
        {text(d.resultNote)}
      </Fact>
      <Fact label={f('remarks')} wide>
        {text(d.remarks)}
      </Fact>
      {d.amendsId !== null && (
        <Fact label={t('disposalScreens.amendmentReason')} wide>
          {text(d.amendmentReason)}
        </Fact>
      )}
      <Fact label={t('disposalScreens.createdBy')}>{who(d.createdByName, d.createdAt)}</Fact>
      <Fact label={t('disposalScreens.requestedBy')}>{who(d.requestedByName, d.requestedAt)}</Fact>
      <Fact label={t('disposalScreens.approvedBy')}>{who(d.approvedByName, d.approvedAt)}</Fact>
    </dl>
  );
}

/** 対象: each medium or holding by 管理番号 with its status now; another 課等's is counted, not named (MIC §9). */
export function DisposalTargetsTable({ disposal }: { disposal: Disposal }) {
  const { t } = useTranslation();
  const w = useDisposalWords();
  const words = useTargetWords();
  const headingId = useId();
  const hidden = t('disposalScreens.hiddenTarget');
  const columns: Column<DisposalTargetView & { n: number }>[] = [
    { id: 'kind', header: t('disposalScreens.targetKind'), cell: (v) => words.kind(v) },
    { id: 'label', header: t('disposalScreens.targetLabel'), className: 'cell-text', headerClassName: '', cell: (v) => (v.hidden ? <span className="muted">{hidden}</span> : v.kind === 'paper' ? v.label : <span className="monospace">{v.label}</span>) },
    { id: 'detail', header: t('disposalScreens.targetDetail'), className: 'cell-text', headerClassName: '', cell: (v) => (v.hidden ? '' : words.detail(v)) },
    { id: 'status', header: t('disposalScreens.targetStatus'), cell: (v) => (v.hidden ? '' : words.status(v)) },
  ];
  return (
    <section className="subpanel" aria-labelledby={headingId}>
      <h2 id={headingId}>{w.field('targets')}</h2>
      <DataTable columns={columns} rows={disposal.targets.map((v, n) => ({ ...v, n }))} rowKey={(v) => v.n} emptyText={t('disposalScreens.noTargets')} testId="disposal-targets" />
    </section>
  );
}
