import { useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../db/contract/areaVisits';
import { DateSettingsContext, useFormat } from '../../appContext';
import type { Column } from '../../components/DataTable';
import { StatusBadge } from '../../components/StatusBadge';
import { VirtualTable } from '../../components/VirtualTable';
import { clockTime } from './doorForm';

/**
 * The open visits, oldest entry first (as main sends them). A visit entered before today in the
 * organisation's calendar stands out: nobody recorded its exit (domain.md §4 Alerts).
 */
export function InsideTable({ rows, onCheckOut }: { rows: Visit[]; onCheckOut?: ((visit: Visit) => void) | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { timeZone } = useContext(DateSettingsContext);
  const columns = useMemo<Column<Visit>[]>(() => {
    const today = fmt.today();
    const list: Column<Visit>[] = [
      {
        id: 'person',
        header: t('visitFields.person'),
        className: 'cell-text',
        cell: (v) => (
          <span data-testid={`inside-row-${v.id}`} data-name={v.personName}>
            {/* A name stays on one line (「山田 太郎」, not 山田 / 太郎); the badge after it may wrap. */}
            <span className="nowrap">{v.personName}</span>
            {v.enteredOn < today && (
              <>
                {' '}
                <StatusBadge label={t('areaInside.fromEarlierDay')} tone="danger" testId={`inside-earlier-${v.id}`} />
              </>
            )}
          </span>
        ),
      },
      { id: 'affiliation', header: t('visitFields.affiliation'), className: 'cell-text', cell: (v) => v.affiliation },
      { id: 'kind', header: t('visitFields.personKind'), cell: (v) => t(`personKind.${v.personKind}`) },
      { id: 'area', header: t('visitFields.areaId'), className: 'cell-text', cell: (v) => v.areaName },
      { id: 'purpose', header: t('visitFields.purpose'), className: 'cell-text', cell: (v) => v.purpose },
      // Today's entries by the time alone (the list is today's); an earlier day's in full.
      { id: 'enteredAt', header: t('visitFields.enteredAt'), cell: (v) => (v.enteredOn < today ? fmt.instant(v.enteredAt) : clockTime(v.enteredAt, timeZone)) },
      { id: 'escort', header: t('visitFields.escort'), className: 'cell-text', cell: (v) => (v.escortName ? <span className="nowrap">{v.escortName}</span> : t('areaInside.noEscort')) },
      { id: 'badge', header: t('visitFields.badgeNo'), className: 'monospace', cell: (v) => v.badgeNo },
      { id: 'devices', header: t('visitFields.devicesIn'), className: 'cell-text', cell: (v) => v.devicesIn.map((d) => t('areaInside.deviceLine', { label: d.label, inspection: t(`inspectionResult.${d.inspection}`) })).join(t('areaInside.separator')) },
      {
        id: 'exceptions',
        header: t('visitFields.exceptions'),
        cell: (v) => v.exceptions.map((x) => <StatusBadge key={x} label={t(`visitException.${x}`)} tone="warning" />),
      },
    ];
    if (onCheckOut) {
      list.push({
        id: 'actions',
        header: t('areaInside.actions'),
        cell: (v) => (
          <button type="button" className="button-small" onClick={() => onCheckOut(v)} aria-label={t('areaInside.checkOutLabel', { name: v.personName })} data-testid={`inside-checkout-${v.id}`}>
            {t('areaInside.checkOut')}
          </button>
        ),
      });
    }
    return list;
  }, [t, fmt, timeZone, onCheckOut]);
  return <VirtualTable columns={columns} rows={rows} rowKey={(v) => v.id} emptyText={t('areaInside.empty')} testId="inside-table" />;
}
