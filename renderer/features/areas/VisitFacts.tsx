import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView, Visit } from '../../../db/contract/areaVisits';
import { useFormat } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { Fact, useFactWords } from '../../components/Facts';
import { StatusBadge } from '../../components/StatusBadge';
import { useVisitWords } from './bookWords';

/** Every field of a visit as a definition list, in the order of the door form and the book's columns. */
export function VisitFacts({ visit: v }: { visit: Visit }) {
  const { t } = useTranslation();
  const w = useVisitWords();
  const fmt = useFormat();
  const { none, text } = useFactWords();
  const name = (n: string | null) => (n ? n : none);
  return (
    <dl className="holding-facts" data-testid="visit-facts">
      <Fact label={w.field('areaId')}>{v.areaName}</Fact>
      <Fact label={t('areaFields.departmentId')}>{v.departmentName}</Fact>
      <Fact label={w.field('person')}>{v.personName}</Fact>
      <Fact label={w.field('personKind')}>{w.personKind(v.personKind)}</Fact>
      <Fact label={w.field('affiliation')}>{text(v.affiliation)}</Fact>
      <Fact label={w.field('permitNo')}>{v.permitNo ? <span className="monospace">{v.permitNo}</span> : none}</Fact>
      <Fact label={w.field('purpose')} wide>
        {text(v.purpose)}
      </Fact>
      <Fact label={w.field('escort')}>{text(v.escortName)}</Fact>
      <Fact label={w.field('badgeNo')}>{v.badgeNo ? <span className="monospace">{v.badgeNo}</span> : none}</Fact>
      <Fact label={w.field('badgeReturned')}>{w.badgeState(v) ?? none}</Fact>
      <Fact label={w.field('enteredAt')}>{fmt.instant(v.enteredAt)}</Fact>
      <Fact label={w.field('exitedAt')}>{v.exitedAt ? fmt.instant(v.exitedAt) : none}</Fact>
      <Fact label={w.field('status')}>
        <StatusBadge label={w.status(v.status)} tone={v.status === 'inside' ? 'warning' : 'muted'} testId="visit-status" />
        {v.closeKind && <span className="muted">{t(`visitCloseKind.${v.closeKind}`)}</span>}
      </Fact>
      {v.closeKind === 'dayClose' && (
        <Fact label={w.field('closeReason')} wide>
          {text(v.closeReason)}
        </Fact>
      )}
      <Fact label={w.field('recordedBy')}>{v.recordedByName}</Fact>
      <Fact label={w.field('closedBy')}>{name(v.closedByName)}</Fact>
      <Fact label={w.field('remarks')} wide>
        {text(v.remarks)}
      </Fact>
    </dl>
  );
}

type DeviceRow = DeviceView & { n: number };

/**
 * 持込み / 持出し機器・媒体 with the inspection (MIC §35), and for a take-out whether an approved
 * 持出し covered a registered medium (MIC §34: none is an exception).
 */
export function VisitDevices({ visit: v }: { visit: Visit }) {
  return (
    <>
      <DeviceSection title="devicesIn" devices={v.devicesIn} testId="visit-devices-in" />
      {v.status === 'closed' && <DeviceSection title="devicesOut" devices={v.devicesOut} out testId="visit-devices-out" />}
    </>
  );
}

function DeviceSection({ title, devices, out = false, testId }: { title: 'devicesIn' | 'devicesOut'; devices: DeviceView[]; out?: boolean; testId: string }) {
  const { t } = useTranslation();
  const w = useVisitWords();
  const headingId = useId();
  const takeout = (d: DeviceView): ReactNode => {
    if (d.mediumId === null) return <span className="muted">{t('areaBook.takeoutNotNeeded')}</span>;
    return d.takeoutId !== null ? t('areaBook.takeoutApproved') : <StatusBadge label={t('areaBook.takeoutMissing')} tone="danger" />;
  };
  const columns: Column<DeviceRow>[] = [
    {
      id: 'label',
      header: t('areaBook.deviceLabel'),
      className: 'cell-text',
      headerClassName: '',
      cell: (d) => (
        <>
          <span className={d.mediumId === null ? '' : 'monospace'}>{d.label}</span>
          {d.mediumId !== null && <span className="tag">{t('areaBook.registeredMedium')}</span>}
        </>
      ),
    },
    { id: 'inspection', header: w.field('inspection'), cell: (d) => (d.inspection === 'failed' ? <StatusBadge label={w.inspection(d.inspection)} tone="danger" /> : w.inspection(d.inspection)) },
    ...(out ? [{ id: 'takeout', header: t('areaBook.takeout'), className: 'cell-text', headerClassName: '', cell: takeout }] : []),
  ];
  return (
    <section className="subpanel" aria-labelledby={headingId}>
      <h2 id={headingId}>{w.field(title)}</h2>
      <DataTable columns={columns} rows={devices.map((d, n) => ({ ...d, n }))} rowKey={(d) => d.n} emptyText={t('areaBook.devicesNone')} testId={testId} />
    </section>
  );
}
