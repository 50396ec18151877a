import { useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { inspectionResults, type InspectionResult } from '../../../db/contract/areaValues';
import type { DeviceView } from '../../../db/contract/areaVisits';
import type { Failure } from '../../../db/contract';
import { call } from '../../api';
import { useFormat } from '../../appContext';
import { describedBy, failureMessage, FieldNotes } from '../../components/forms';
import { isPlainEnter, type DeviceHit, type DeviceRow } from './doorForm';

interface DeviceRowsProps {
  /** in: 持込み at check-in; out: 持出し at check-out (says whether a medium may leave: MIC §34). */
  mode: 'in' | 'out';
  rows: DeviceRow[];
  /** An updater: lookups answer in any order, each adds to the rows as they are then. */
  onChange(update: (rows: DeviceRow[]) => DeviceRow[]): void;
  /** The inspection a new row starts with. */
  inspection: InspectionResult;
  /** Enter in the EMPTY scan field: the form is done (a reader's Enter after a label only adds it). */
  onSubmit(): void;
  scanRef: RefObject<HTMLInputElement | null>;
  /** What came in with the visit: a device taken out that did not is an exception (unregisteredDeviceOut). */
  broughtIn?: DeviceView[] | undefined;
  issue(path: string): string | undefined;
  /** The field of the input whose issues belong to the rows: devicesIn / devicesOut. */
  path: string;
  testId: string;
}

let nextKey = 1;

/** Folds width and case as main does for a 管理番号, so a second read of the same label is one row. */
const sameLabel = (a: string, b: string) => a.normalize('NFKC').toUpperCase() === b.normalize('NFKC').toUpperCase();

/**
 * 持込み・持出し機器 (MIC §35 外部電磁的記録媒体等の持込み・持出しの制限又は検査): a scan field a USB
 * reader types into (管理番号 + Enter adds a row, looked up in the 媒体管理台帳) and the rows with
 * their inspection. Never disabled while a lookup runs: the next label may come at once.
 */
export function DeviceRows({ mode, rows, onChange, inspection, onSubmit, scanRef, broughtIn, issue, path, testId }: DeviceRowsProps) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const [text, setText] = useState('');
  const [lookupFailure, setLookupFailure] = useState<Failure | null>(null);
  const pending = useRef(0);
  const add = async (typed: string) => {
    pending.current++;
    const result = await call('areas.visits.lookupDevice', { label: typed }).finally(() => pending.current--);
    if (!result.ok) {
      setLookupFailure(result);
      setText((now) => (now === '' ? typed : now));
      return;
    }
    setLookupFailure(null);
    const hit: DeviceHit = result.data;
    const label = hit?.mediaNo ?? typed.trim();
    const key = nextKey++;
    onChange((now) => (now.some((r) => sameLabel(r.label, label)) ? now : [...now, { key, label, inspection, hit }]));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!isPlainEnter(e)) return;
    e.preventDefault();
    const typed = text;
    if (typed.trim() === '') {
      // A label still being looked up would be left out: the Enter after it waits for its row.
      if (pending.current === 0) onSubmit();
      return;
    }
    setText('');
    void add(typed);
  };
  const error = (lookupFailure ? failureMessage(t, i18n, lookupFailure, fmt) : undefined) ?? issue(path);
  const hint = t(mode === 'in' ? 'areaDoor.scanHint' : 'areaDoor.scanHintOut');
  return (
    <div className="door-devices" data-testid={testId}>
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <div className="field-label">
          <label htmlFor={id}>{t(mode === 'in' ? 'areaDoor.scanLabel' : 'areaDoor.scanLabelOut')}</label>
        </div>
        <input
          id={id}
          ref={scanRef}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
          data-testid={`${testId}-scan`}
        />
        <FieldNotes id={id} hint={hint} error={error} />
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('areaDoor.noDevices')}</p>
      ) : (
        <ol className="door-device-rows">
          {rows.map((row, n) => (
            <DeviceLine key={row.key} row={row} n={n} mode={mode} broughtIn={broughtIn} issue={issue} path={path} testId={testId} scanRef={scanRef}
              onInspection={(value) => onChange((now) => now.map((r) => (r.key === row.key ? { ...r, inspection: value } : r)))}
              onRemove={() => {
                onChange((now) => now.filter((r) => r.key !== row.key));
                scanRef.current?.focus();
              }}
            />
          ))}
        </ol>
      )}
    </div>
  );
}

interface LineProps {
  row: DeviceRow;
  n: number;
  mode: 'in' | 'out';
  broughtIn: DeviceView[] | undefined;
  issue(path: string): string | undefined;
  path: string;
  testId: string;
  scanRef: RefObject<HTMLInputElement | null>;
  onInspection(value: InspectionResult): void;
  onRemove(): void;
}

function DeviceLine({ row, n, mode, broughtIn, issue, path, testId, scanRef, onInspection, onRemove }: LineProps) {
  const { t } = useTranslation();
  const selectId = useId();
  const error = issue(`${path}.${n}.inspection`) ?? issue(`${path}.${n}.label`) ?? issue(`${path}.${n}`);
  // Enter on the inspection goes back to the scan field, ready for the next label.
  const back = (e: KeyboardEvent<HTMLSelectElement>) => {
    if (!isPlainEnter(e)) return;
    e.preventDefault();
    scanRef.current?.focus();
  };
  return (
    <li className="door-device-row" data-testid={`${testId}-row-${n}`} data-label={row.label}>
      <span className="monospace door-device-label">{row.label}</span> <DeviceWords row={row} mode={mode} broughtIn={broughtIn} />
      <label htmlFor={selectId} className="door-device-inspection-label">
        {t('visitFields.inspection')}
      </label>
      <select id={selectId} value={row.inspection} onChange={(e) => onInspection(e.target.value as InspectionResult)} onKeyDown={back} data-testid={`${testId}-inspection-${n}`}>
        {inspectionResults.map((r) => (
          <option key={r} value={r}>
            {t(`inspectionResult.${r}`)}
          </option>
        ))}
      </select>
      <button type="button" className="button-small" onClick={onRemove} aria-label={t('areaDoor.removeDeviceLabel', { label: row.label })} data-testid={`${testId}-remove-${n}`}>
        {t('areaDoor.removeDevice')}
      </button>
      {error && <p className="field-error">{error}</p>}
    </li>
  );
}

/** 登録済みの媒体 USB-001（USBメモリ・保管中）or 未登録; at check-out, whether it may leave. */
function DeviceWords({ row, mode, broughtIn }: { row: DeviceRow; mode: 'in' | 'out'; broughtIn: DeviceView[] | undefined }) {
  const { t } = useTranslation();
  const hit = row.hit;
  const what = hit
    ? hit.hidden
      ? t('areaDoor.deviceRegisteredHidden', { mediaNo: hit.mediaNo })
      : t('areaDoor.deviceRegistered', { mediaNo: hit.mediaNo, type: t(`mediaTypes.${hit.mediumType}`), status: t(`mediaStatus.${hit.status}`) })
    : t('areaDoor.deviceUnregistered');
  let leaving: { text: string; tone: 'ok' | 'warning' } | null = null;
  if (mode === 'out' && hit) leaving = hit.takeoutApproved ? { text: t('areaDoor.takeoutApproved'), tone: 'ok' } : { text: t('areaDoor.takeoutNotApproved'), tone: 'warning' };
  if (mode === 'out' && !hit && !(broughtIn ?? []).some((d) => sameLabel(d.label, row.label))) leaving = { text: t('areaDoor.notBroughtIn'), tone: 'warning' };
  return (
    <>
      <span className="muted" data-testid="door-device-what">
        {what}
      </span>
      {leaving && (
        <span className={`flag tone-${leaving.tone}`} data-testid="door-device-leaving">
          {leaving.text}
        </span>
      )}
    </>
  );
}
