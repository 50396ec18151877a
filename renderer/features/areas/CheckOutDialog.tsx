import { useContext, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceRule } from '../../../db/contract/areaValues';
import type { Visit } from '../../../db/contract/areaVisits';
import { call } from '../../api';
import { DateSettingsContext, useFormat } from '../../appContext';
import { CheckboxField, FormButtons, FormFailure, localIssues, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { DeviceRows } from './DeviceRows';
import { clockTime, defaultInspection, focusNextField, instantAt, isPlainEnter, isSubmitChord, type DeviceRow } from './doorForm';

interface CheckOutDialogProps {
  visit: Visit;
  /** The area's 持出し rule: where it inspects, a device starts 異常なし. */
  devicesOut: DeviceRule;
  onClose(): void;
  onDone(message: string): void;
}

/**
 * 退室 (issue #12 item 3): devices taken out, scanned like the door's (a registered medium without an
 * approved 持出し is an exception: MIC §34), the badge's return when one was lent (unchecked: 未返却,
 * an exception) and the time, now unless changed. Enter in the empty scan field (or Ctrl+Enter) records it.
 */
export function CheckOutDialog({ visit, devicesOut, onClose, onDone }: CheckOutDialogProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { timeZone } = useContext(DateSettingsContext);
  const submit = useSubmit();
  const [devices, setDevices] = useState<DeviceRow[]>([]);
  const [badgeReturned, setBadgeReturned] = useState(false);
  // Now, to the minute; left as it is, main records the moment of the call (never before the entry).
  const [now] = useState(() => clockTime(new Date().toISOString(), timeZone));
  const [exitTime, setExitTime] = useState(now);
  const formRef = useRef<HTMLFormElement>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  const lent = visit.badgeNo !== '';
  const send = () => {
    const exitedAt = exitTime === now ? null : instantAt(fmt.today(), exitTime.normalize('NFKC').trim(), timeZone);
    const check = exitTime !== now && exitedAt === null ? localIssues([{ path: 'exitedAt', messageKey: 'areaInside.timeFormat' }]) : null;
    return submit.run(
      () =>
        call('areas.visits.checkOut', {
          visitId: visit.id,
          version: visit.version,
          devicesOut: devices.map((d) => ({ label: d.label, inspection: d.inspection })),
          badgeReturned: lent ? badgeReturned : null,
          ...(exitedAt ? { exitedAt } : {}),
        }),
      (closed) => onDone(t('areaInside.checkedOut', { name: closed.personName, time: clockTime(closed.exitedAt ?? new Date().toISOString(), timeZone) })),
      { check },
    );
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (isSubmitChord(e)) {
      e.preventDefault();
      void send();
      return;
    }
    const target = e.target as HTMLElement;
    if (!isPlainEnter(e) || e.defaultPrevented || target.tagName === 'BUTTON' || target === scanRef.current || !formRef.current) return;
    e.preventDefault();
    focusNextField(formRef.current, target);
  };
  return (
    <Modal title={t('areaInside.checkOutTitle', { name: visit.personName, area: visit.areaName })} onClose={onClose} testId="checkout-dialog" wide>
      <form ref={formRef} onSubmit={submit.onSubmit(send)} onKeyDown={onKeyDown} noValidate>
        <p>{t('areaInside.enteredAtLine', { time: fmt.instant(visit.enteredAt), badge: visit.badgeNo || t('badgeReturned.none') })}</p>
        <FormFailure failure={submit.failure} fields={['devicesOut', 'badgeReturned', 'exitedAt', ...devices.flatMap((_, n) => [`devicesOut.${n}`, `devicesOut.${n}.label`, `devicesOut.${n}.inspection`])]} />
        {/* First when a badge was lent: it is handed back first; Space ticks it, Enter goes on to the scan field. */}
        {lent && (
          <>
            <CheckboxField label={t('areaInside.badgeReturnedLabel', { badge: visit.badgeNo })} checked={badgeReturned} onChange={setBadgeReturned} error={submit.issue('badgeReturned')} testId="checkout-badge" />
            {!badgeReturned && <p className="field-hint">{t('areaInside.badgeNotReturnedWarning')}</p>}
          </>
        )}
        <DeviceRows
          mode="out"
          rows={devices}
          onChange={(update) => setDevices(update)}
          inspection={defaultInspection(devicesOut)}
          onSubmit={() => void send()}
          scanRef={scanRef}
          broughtIn={visit.devicesIn}
          issue={submit.issue}
          path="devicesOut"
          testId="checkout-devices"
        />
        <TextField label={t('visitFields.exitedAt')} type="text" value={exitTime} onChange={setExitTime} error={submit.issue('exitedAt')} hint={t('areaInside.exitedAtHint')} required testId="checkout-time" />
        <FormButtons busy={submit.busy} submitLabel={t('areaInside.checkOutSubmit')} onCancel={onClose} testId="checkout-submit" />
      </form>
    </Modal>
  );
}
