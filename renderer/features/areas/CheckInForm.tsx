import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Failure } from '../../../db/contract';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../../db/contract/areas';
import type { ExceptionApproval, Visit } from '../../../db/contract/areaVisits';
import { call } from '../../api';
import { useFormat, useSession } from '../../appContext';
import { describedBy, FieldShell, FormFailure, issueMessage, localIssues, TextField } from '../../components/forms';
import { useSubmit } from '../../components/useSubmit';
import { DeviceRows } from './DeviceRows';
import {
  approvableRefusal, checkInInput, defaultInspection, emptyDoorForm, focusNextField, isPlainEnter, isSubmitChord,
  recentPurposes, rememberPurpose, type DoorFormState,
} from './doorForm';
import { ExceptionApprovalDialog } from './ExceptionApprovalDialog';
import { PersonPicker, type PersonPickerHandle } from './PersonPicker';

// The fields whose issues show beside them; anything else main reports goes in the form's alert.
const shownFields = ['person', 'person.outsider.name', 'person.outsider.kana', 'person.outsider.affiliation', 'purpose', 'escortUserId', 'badgeNo', 'devicesIn'];
const deviceFields = (count: number) => Array.from({ length: count }, (_, n) => [`devicesIn.${n}`, `devicesIn.${n}.label`, `devicesIn.${n}.inspection`]).flat();
const nobody = () => localIssues([{ path: 'person', messageKey: 'validation.required' }]);

/**
 * The door form's state and its one call: recorded, everything but the area is cleared and the focus
 * goes back to 氏名 (once any dialog has let it go: an effect after the dialog's own clean-up).
 */
type PickerRef = RefObject<PersonPickerHandle | null>;

function useCheckIn(area: Area, person: PickerRef, escort: PickerRef, onRecorded: (visit: Visit, exception: boolean) => void) {
  const submit = useSubmit();
  const { session } = useSession();
  const [form, setForm] = useState<DoorFormState>(emptyDoorForm);
  const [approving, setApproving] = useState(false);
  const [recorded, setRecorded] = useState(0);
  useEffect(() => {
    if (recorded > 0) person.current?.focus();
  }, [recorded, person]);
  const cleared = (visit: Visit, exception: boolean) => {
    rememberPurpose(session.userId, form.purpose);
    setForm(emptyDoorForm);
    person.current?.clear();
    escort.current?.clear();
    setApproving(false);
    onRecorded(visit, exception);
    setRecorded((n) => n + 1);
  };
  const send = (approval?: ExceptionApproval) =>
    form.person ? call('areas.visits.checkIn', checkInInput(area.id, form.person.ref, form, approval)) : Promise.resolve(nobody()!);
  const record = () => submit.run(() => send(), (visit) => cleared(visit, false), { check: form.person ? null : nobody() });
  return { submit, form, setForm, approving, setApproving, cleared, send, record };
}

/**
 * 入室 at the door (issue #12 item 3; MIC §35): 氏名 → 用件 → 立会者 → 入館証番号 → 持込み機器, each Enter
 * going on to the next field; Enter in the empty scan field, Ctrl+Enter anywhere, or the button records
 * the visit. A refusal keeps everything typed; the ones a manager may override offer the approval.
 */
export function CheckInForm({ area, onRecorded }: { area: Area; onRecorded(visit: Visit, exception: boolean): void }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const formRef = useRef<HTMLFormElement>(null);
  const personRef = useRef<PersonPickerHandle>(null);
  const escortRef = useRef<PersonPickerHandle>(null);
  const purposeRef = useRef<HTMLInputElement>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  const { submit, form, setForm, approving, setApproving, cleared, send, record } = useCheckIn(area, personRef, escortRef, onRecorded);
  const { refusal, offerRef } = useApprovalOffer(submit.failure);
  const escortNeeded = form.person?.shown.kind === 'outsider' && area.escortRequired;
  const onKeyDown = useDoorKeys(formRef, scanRef, record);
  return (
    <>
      <form
        ref={formRef}
        className="door-form"
        onSubmit={(e) => {
          e.preventDefault();
          void record();
        }}
        onKeyDown={onKeyDown}
        noValidate
        data-testid="door-form"
      >
        <FormFailure failure={submit.failure} fields={[...shownFields, ...deviceFields(form.devices.length)]} />
        {refusal && (
          <button ref={offerRef} type="button" className="button-danger" onClick={() => setApproving(true)} data-testid="door-approval-offer">
            {t('areaDoor.approveOffer')}
          </button>
        )}
        <VisitorField
          areaId={area.id}
          pickerRef={personRef}
          issue={submit.issue}
          onChange={(person) => {
            setForm((f) => ({ ...f, person }));
            // A known person goes straight on to 用件; a new outsider's よみ and 所属 come first.
            if (person && person.ref.kind !== 'new') purposeRef.current?.focus();
          }}
        />
        <PurposeField value={form.purpose} onChange={(purpose) => setForm((f) => ({ ...f, purpose }))} error={submit.issue('purpose')} inputRef={purposeRef} />
        <EscortField
          needed={escortNeeded}
          pickerRef={escortRef}
          issue={submit.issue}
          onChange={(escort) => {
            setForm((f) => ({ ...f, escort }));
            if (escort && formRef.current) focusNextField(formRef.current, formRef.current.querySelector<HTMLElement>('[data-testid="door-escort-input"]')!);
          }}
        />
        <TextField label={t('visitFields.badgeNo')} value={form.badgeNo} onChange={(badgeNo) => setForm((f) => ({ ...f, badgeNo }))} error={submit.issue('badgeNo')} hint={t('areaDoor.badgeHint')} maxLength={30} autoComplete="off" testId="door-badge" />
        <DeviceRows
          mode="in"
          rows={form.devices}
          onChange={(update) => setForm((f) => ({ ...f, devices: update(f.devices) }))}
          inspection={defaultInspection(area.devicesIn)}
          onSubmit={() => void record()}
          scanRef={scanRef}
          issue={submit.issue}
          path="devicesIn"
          testId="door-devices"
        />
        <DoorActions busy={submit.busy} />
      </form>
      {/* Outside the form: a dialog's own form and keys are not the door form's. */}
      {approving && refusal && (
        <ExceptionApprovalDialog
          reason={issueMessage(t, i18n, { path: [], ...refusal }, fmt)}
          send={send}
          onClose={() => setApproving(false)}
          onDone={(visit) => {
            submit.fail(null);
            cleared(visit, true);
          }}
        />
      )}
    </>
  );
}

/** Ctrl+Enter records from anywhere; a plain Enter never submits early: a field hands the focus on (the scan field and the pickers do their own). */
function useDoorKeys(formRef: RefObject<HTMLFormElement | null>, scanRef: RefObject<HTMLInputElement | null>, record: () => unknown) {
  return (e: KeyboardEvent<HTMLFormElement>) => {
    if (isSubmitChord(e)) {
      e.preventDefault();
      void record();
      return;
    }
    const target = e.target as HTMLElement;
    if (!isPlainEnter(e) || e.defaultPrevented || target.tagName === 'BUTTON' || target === scanRef.current || !formRef.current) return;
    e.preventDefault();
    focusNextField(formRef.current, target);
  };
}

function DoorActions({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" className="button-primary" disabled={busy} data-testid="door-submit">
        {t('areaDoor.submit')}
      </button>
      <span className="muted">{t('areaDoor.submitHint')}</span>
    </div>
  );
}

interface VisitorFieldProps {
  areaId: number;
  pickerRef: PickerRef;
  issue(path: string): string | undefined;
  onChange(person: DoorFormState['person']): void;
}

/** 氏名: the search as you type says, for this area, 有効 / 期限切れ / 許可なし and 在室中 before 入室 is pressed. */
function VisitorField({ areaId, pickerRef, issue, onChange }: VisitorFieldProps) {
  const { t } = useTranslation();
  return (
    <PersonPicker
      ref={pickerRef}
      label={t('visitFields.person')}
      areaId={areaId}
      testId="door-person"
      required
      autoFocus
      hint={t('areaDoor.personHint')}
      issue={issue}
      onPick={(ref, shown) => onChange({ ref, shown })}
      onClear={() => onChange(null)}
    />
  );
}

/**
 * The refusal a manager may override, and its offer button: the refusal puts the focus there, so
 * Enter opens the approval (a queue at the door) — once per answer from main (the failure's
 * identity), never on a re-render while the clerk types.
 */
function useApprovalOffer(failure: Failure | null) {
  const offerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (approvableRefusal(failure)) offerRef.current?.focus();
  }, [failure]);
  return { refusal: approvableRefusal(failure), offerRef };
}

/** 用件 (用件の確認, MIC §35), offering the purposes last recorded at this door. */
function PurposeField({ value, onChange, error, inputRef }: { value: string; onChange(value: string): void; error: string | undefined; inputRef: RefObject<HTMLInputElement | null> }) {
  const { session } = useSession();
  const { t } = useTranslation();
  const id = useId();
  const hint = t('areaDoor.purposeHint');
  return (
    <FieldShell id={id} label={t('visitFields.purpose')} error={error} hint={hint} required>
      <input
        id={id}
        ref={inputRef}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        list={`${id}-list`}
        autoComplete="off"
        aria-required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        data-testid="door-purpose"
      />
      <datalist id={`${id}-list`}>
        {recentPurposes(session.userId).map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
    </FieldShell>
  );
}

interface EscortFieldProps {
  needed: boolean;
  pickerRef: RefObject<PersonPickerHandle | null>;
  issue(path: string): string | undefined;
  onChange(escort: DoorFormState['escort']): void;
}

/** 立会者: a staff account; required for an outsider where the area says so, allowed always (Enter passes it by when not needed). */
function EscortField({ needed, pickerRef, issue, onChange }: EscortFieldProps) {
  const { t } = useTranslation();
  return (
    <div data-enter-skip={needed ? undefined : true}>
      <PersonPicker
        ref={pickerRef}
        label={t('visitFields.escort')}
        kind="staff"
        testId="door-escort"
        path="escortUserId"
        required={needed}
        hint={needed ? t('areaDoor.escortRequiredHint') : t('areaDoor.escortHint')}
        issue={issue}
        onPick={(_ref, shown) => onChange(shown.userId === null ? null : { userId: shown.userId, name: shown.name })}
        onClear={() => onChange(null)}
      />
    </div>
  );
}
