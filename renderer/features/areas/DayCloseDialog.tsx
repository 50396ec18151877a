import { useContext, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../db/contract/areaVisits';
import { call } from '../../api';
import { DateSettingsContext, useFormat } from '../../appContext';
import { CheckboxField, FormButtons, FormFailure, TextAreaField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { clockTime } from './doorForm';

interface DayCloseDialogProps {
  /** The open visits the list shows now (of one area or of all). */
  visits: Visit[];
  /** The area the list is narrowed to; null: the first area with someone inside. */
  areaId: number | null;
  onClose(): void;
  onDone(message: string): void;
}

/**
 * 終業時の一括退室 (issue #12 item 5): an area's open visits, all chosen, closed now with a reason that
 * is required — each stays in the book as an exception (closedAtDayEnd: domain.md §4 Alerts).
 */
export function DayCloseDialog({ visits, areaId, onClose, onDone }: DayCloseDialogProps) {
  const { t } = useTranslation();
  const { timeZone } = useContext(DateSettingsContext);
  const fmt = useFormat();
  const submit = useSubmit();
  const selectId = useId();
  const areas = [...new Map(visits.map((v) => [v.areaId, v.areaName])).entries()];
  const [area, setArea] = useState<number | undefined>(areaId ?? areas[0]?.[0]);
  const ofArea = visits.filter((v) => v.areaId === area);
  const [unchecked, setUnchecked] = useState<ReadonlySet<number>>(new Set());
  const [reason, setReason] = useState('');
  const chosen = ofArea.filter((v) => !unchecked.has(v.id)).map((v) => v.id);
  const toggle = (id: number, on: boolean) => {
    const next = new Set(unchecked);
    if (on) next.delete(id);
    else next.add(id);
    setUnchecked(next);
  };
  const send = () => submit.run(() => call('areas.visits.closeDay', { areaId: area ?? 0, visitIds: chosen, reason }), ({ closed }) => onDone(t('areaInside.dayClosed', { count: closed })));
  return (
    <Modal title={t('areaInside.dayCloseTitle')} onClose={onClose} testId="day-close-dialog" wide>
      <form onSubmit={submit.onSubmit(send)} noValidate>
        <p>{t('areaInside.dayCloseIntro')}</p>
        <FormFailure failure={submit.failure} fields={['reason']} />
        {areaId === null && areas.length > 1 && (
          <div className="field">
            <div className="field-label">
              <label htmlFor={selectId}>{t('areaInside.dayCloseArea')}</label>
            </div>
            <select id={selectId} value={area} onChange={(e) => setArea(Number(e.target.value))} data-testid="day-close-area">
              {areas.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        )}
        {ofArea.length === 0 ? (
          <p className="muted">{t('areaInside.dayCloseNone')}</p>
        ) : (
          <fieldset className="field-group" data-testid="day-close-visits">
            <legend>{ofArea[0]?.areaName}</legend>
            {ofArea.map((v) => (
              <CheckboxField
                key={v.id}
                // A visit from an earlier day (the organisation's) says its date too: 「23:00」 alone would read as tonight's.
                label={t('areaInside.visitRowLabel', { name: v.personName, time: v.enteredOn < fmt.today() ? fmt.instant(v.enteredAt) : clockTime(v.enteredAt, timeZone) })}
                checked={!unchecked.has(v.id)}
                onChange={(on) => toggle(v.id, on)}
                testId={`day-close-visit-${v.id}`}
              />
            ))}
          </fieldset>
        )}
        <TextAreaField label={t('areaInside.dayCloseReason')} value={reason} onChange={setReason} error={submit.issue('reason')} required rows={2} maxLength={500} testId="day-close-reason" />
        <FormButtons busy={submit.busy} submitLabel={t('areaInside.dayCloseSubmit')} onCancel={onClose} danger testId="day-close-submit" />
      </form>
    </Modal>
  );
}
