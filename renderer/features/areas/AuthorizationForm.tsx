import { useId, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../db/contract';
import type { Authorization, AuthorizationFields, PersonRef } from '../../../db/contract/areas';
import { authorizationKinds, type AuthorizationKind, type PersonKind } from '../../../db/contract/areaValues';
import { useApi } from '../../api';
import { useFormat, useSession } from '../../appContext';
import { useDepartmentOptions } from '../../components/departmentOptions';
import { Fact } from '../../components/Facts';
import { describedBy, FieldNotes, FormButtons, FormFailure, issuesUnder, localIssues, SelectField, TextAreaField, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';
import { useAreaWords } from './areaWords';
import { fiscalYearEnd } from './fiscalYear';
import { PersonPicker, type PersonPickerHandle } from './PersonPicker';

interface AuthorizationFormState {
  departmentId: string;
  person: PersonRef | null;
  kind: AuthorizationKind;
  /** The user chose 区分 / typed 所属 themselves: a person picked later no longer sets them. */
  kindTouched: boolean;
  affiliation: string;
  affiliationTouched: boolean;
  areaIds: number[];
  purpose: string;
  validFrom: string;
  validUntil: string;
  permitNo: string;
  remarks: string;
}

const shownFields = ['departmentId', 'person', 'person.outsider.name', 'person.outsider.kana', 'person.outsider.affiliation', 'kind', 'affiliation', 'areaIds', 'purpose', 'validFrom', 'validUntil', 'permitNo', 'remarks'];

/** Issues the form shows beside a field: every field and each chosen area (areaIds.<n> beside 区域). */
function besideFields(failure: Failure | null): string[] {
  return [...shownFields, ...(failure?.issues ?? []).map((i) => i.path.join('.')).filter((p) => p.startsWith('areaIds.'))];
}

function emptyForm(departmentId: number | null, today: string): AuthorizationFormState {
  return {
    departmentId: departmentId === null ? '' : String(departmentId),
    person: null,
    kind: 'contractor',
    kindTouched: false,
    affiliation: '',
    affiliationTouched: false,
    areaIds: [],
    purpose: '',
    validFrom: today,
    // MIC §35 list of who may enter, reviewed each year: to the end of the fiscal year in the organisation's zone.
    validUntil: fiscalYearEnd(today),
    permitNo: '',
    remarks: '',
  };
}

function fromAuthorization(a: Authorization): AuthorizationFormState {
  const { kind, affiliation, purpose, validFrom, validUntil, permitNo, remarks } = a;
  return { departmentId: String(a.departmentId), person: null, kind, kindTouched: true, affiliation, affiliationTouched: true, areaIds: a.areas.map((x) => x.id), purpose, validFrom, validUntil, permitNo, remarks };
}

function toFields(f: AuthorizationFormState): Omit<AuthorizationFields, 'person' | 'departmentId'> {
  const { kind, affiliation, areaIds, purpose, validFrom, validUntil, permitNo, remarks } = f;
  return { kind, affiliation, areaIds, purpose, validFrom, validUntil, permitNo, remarks };
}

/** 区分 follows the person picked: 職員 for staff, 委託先 for an outsider (保守 is chosen by hand). */
function defaultKind(kind: PersonKind): AuthorizationKind {
  return kind === 'staff' ? 'staff' : 'contractor';
}

interface AuthorizationFormDialogProps {
  /** Absent: a new authorization. */
  authorization?: Authorization | undefined;
  /**
   * A new one for another person on the same terms (a company's five staff for the fiscal year): its
   * 課等, 区分, 所属, 区域, 目的, period and 備考, never its 許可番号; a period begun is begun today.
   */
  template?: Authorization | undefined;
  onDone(authorization: Authorization | null): void;
}

function fromTemplate(a: Authorization, today: string): AuthorizationFormState {
  return { ...fromAuthorization(a), departmentId: String(a.departmentId), permitNo: '', validFrom: a.validFrom < today ? today : a.validFrom };
}

/**
 * 入室許可の登録・編集 (issue #12 item 2; MIC §35 list of who may enter): a manager of the 課等 (never for
 * themselves, MIC §12-2 — main refuses it) names the person, the areas and the period.
 */
export function AuthorizationFormDialog({ authorization: edited, template, onDone }: AuthorizationFormDialogProps) {
  const { t } = useTranslation();
  const w = useAreaWords();
  const api = useApi();
  const fmt = useFormat();
  const { session } = useSession();
  const submit = useSubmit();
  const picker = useRef<PersonPickerHandle>(null);
  const [form, setForm] = useState<AuthorizationFormState>(() =>
    edited ? fromAuthorization(edited) : template ? fromTemplate(template, fmt.today()) : emptyForm(session.departmentId, fmt.today()),
  );
  const set = (patch: Partial<AuthorizationFormState>) => setForm((f) => ({ ...f, ...patch }));
  const issue = submit.issue;

  const save = () => {
    const fields = toFields(form);
    if (edited) {
      return submit.run(() => api('areas.authorizations.update', { authorizationId: edited.id, version: edited.version, fields }), onDone, { shown: (f) => issuesUnder(f, 'fields') });
    }
    const { person } = form;
    // Nobody picked yet: said beside the picker, and the focus goes back to it (main checks again).
    if (person === null) {
      submit.fail(localIssues([{ path: 'person', messageKey: 'validation.required' }]));
      picker.current?.focus();
      return;
    }
    return submit.run(() => api('areas.authorizations.create', { ...fields, person, departmentId: Number(form.departmentId) }), onDone);
  };

  const title = edited ? t('areaScreens.authorizations.editTitle', { permitNo: edited.permitNo }) : t('areaScreens.authorizations.createTitle');
  return (
    <Modal title={title} onClose={() => onDone(null)} testId="authorization-form" wide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <FormFailure failure={submit.failure} fields={besideFields(submit.failure)} />
        {edited ? (
          <>
            <dl className="facts">
              <Fact label={w.authField('person')}>{t('areaScreens.withNote', { text: edited.personName, note: w.personKind(edited.personKind) })}</Fact>
              <Fact label={w.authField('departmentId')}>{edited.departmentName}</Fact>
            </dl>
            <p className="field-hint">{t('areaScreens.authorizations.personFixed')}</p>
          </>
        ) : (
          <WhoFields form={form} setForm={setForm} issue={issue} pickerRef={picker} />
        )}
        <TermsFields form={form} set={set} issue={issue} failure={submit.failure} />
        <FormButtons
          busy={submit.busy}
          submitLabel={edited ? t('areaScreens.authorizations.submitEdit') : t('areaScreens.authorizations.submitCreate')}
          onCancel={() => onDone(null)}
          testId="authorization-form-submit"
        />
      </form>
    </Modal>
  );
}

interface TermsFieldsProps {
  form: AuthorizationFormState;
  set(patch: Partial<AuthorizationFormState>): void;
  issue(path: string): string | undefined;
  failure: Failure | null;
}

/** What is authorized: 区分, 所属, 区域, 目的, the period, 許可番号 and 備考 (new and edit alike). */
function TermsFields({ form, set, issue, failure }: TermsFieldsProps) {
  const { t } = useTranslation();
  const w = useAreaWords();
  const fmt = useFormat();
  return (
    <>
        <SelectField
          label={w.authField('kind')}
          value={form.kind}
          onChange={(kind) => set({ kind, kindTouched: true })}
          options={authorizationKinds.map((k) => ({ value: k, label: w.authKind(k) }))}
          error={issue('kind')}
          hint={t('areaScreens.authorizations.kindHint')}
          required
          testId="authorization-kind"
        />
        <TextField
          label={w.authField('affiliation')}
          value={form.affiliation}
          onChange={(affiliation) => set({ affiliation, affiliationTouched: true })}
          error={issue('affiliation')}
          hint={t('areaScreens.authorizations.affiliationHint')}
          maxLength={200}
          testId="authorization-affiliation"
        />
        <AreaChecks departmentId={form.departmentId} chosen={form.areaIds} onChange={(areaIds) => set({ areaIds })} error={issue('areaIds') ?? firstAreaIssue(failure, issue)} />
        <TextAreaField label={w.authField('purpose')} value={form.purpose} onChange={(purpose) => set({ purpose })} error={issue('purpose')} maxLength={500} rows={2} testId="authorization-purpose" />
        <div className="form-grid">
          <TextField label={w.authField('validFrom')} type="date" value={form.validFrom} onChange={(validFrom) => set({ validFrom })} error={issue('validFrom')} required testId="authorization-valid-from" />
          <TextField
            label={w.authField('validUntil')}
            type="date"
            value={form.validUntil}
            onChange={(validUntil) => set({ validUntil })}
            error={issue('validUntil')}
            hint={t('areaScreens.authorizations.validUntilHint', { date: fmt.date(fiscalYearEnd(fmt.today())) })}
            required
            testId="authorization-valid-until"
          />
        </div>
        <TextField label={w.authField('permitNo')} value={form.permitNo} onChange={(permitNo) => set({ permitNo })} error={issue('permitNo')} hint={t('areaScreens.authorizations.permitNoHint')} maxLength={30} testId="authorization-permit-no" />
        <TextAreaField label={w.authField('remarks')} value={form.remarks} onChange={(remarks) => set({ remarks })} error={issue('remarks')} maxLength={2000} rows={2} testId="authorization-remarks" />
    </>
  );
}

/** The first issue about one chosen area (areaIds.<n>), said beside the 区域 checkboxes. */
function firstAreaIssue(failure: Failure | null, issue: (path: string) => string | undefined): string | undefined {
  const path = failure?.issues?.map((i) => i.path.join('.')).find((p) => p.startsWith('areaIds.'));
  return path ? issue(path) : undefined;
}

interface WhoFieldsProps {
  form: AuthorizationFormState;
  setForm(update: (f: AuthorizationFormState) => AuthorizationFormState): void;
  issue(path: string): string | undefined;
  pickerRef: RefObject<PersonPickerHandle | null>;
}

/** 課等 and 入室を認める者 of a new authorization; picking a person sets 区分 and 所属 unless the user set them. */
function WhoFields({ form, setForm, issue, pickerRef }: WhoFieldsProps) {
  const { t } = useTranslation();
  const w = useAreaWords();
  const { session } = useSession();
  const departments = useDepartmentOptions(form.departmentId, session.departmentName);
  return (
    <>
      <SelectField
        label={w.authField('departmentId')}
        value={form.departmentId}
        // The areas are the 課等's: a new 課等 starts the choice again.
        onChange={(departmentId) => setForm((f) => ({ ...f, departmentId, areaIds: [] }))}
        options={departments}
        error={issue('departmentId')}
        required
        // One 課等 to choose from (a manager's own): nothing to choose, and the keyboard starts at the next field.
        disabled={departments.length <= 1}
        testId="authorization-department"
      />
      <PersonPicker
        ref={pickerRef}
        label={w.authField('person')}
        testId="authorization-person"
        required
        autoFocus
        hint={t('areaScreens.authorizations.personHint')}
        issue={issue}
        onPick={(person, shown) =>
          setForm((f) => ({
            ...f,
            person,
            kind: f.kindTouched ? f.kind : defaultKind(shown.kind),
            affiliation: f.affiliationTouched ? f.affiliation : shown.affiliation,
          }))
        }
        onClear={() => setForm((f) => ({ ...f, person: null }))}
      />
    </>
  );
}

interface AreaChecksProps {
  departmentId: string;
  chosen: number[];
  onChange(areaIds: number[]): void;
  error: string | undefined;
}

/** 区域: checkboxes of the 課等's areas in use (main refuses another's or a retired one). */
function AreaChecks({ departmentId, chosen, onChange, error }: AreaChecksProps) {
  const { t } = useTranslation();
  const w = useAreaWords();
  const areas = useLoad('areas.list', departmentId === '' ? null : { departmentId: Number(departmentId), includeRetired: false });
  const shown = (areas.data ?? []).filter((a) => a.active && String(a.departmentId) === departmentId);
  const toggle = (id: number, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  const id = useId();
  const hint = t('areaScreens.authorizations.areasHint');
  return (
    <fieldset className={`field field-group${error ? ' field-invalid' : ''}`} aria-describedby={describedBy(id, error, hint)} data-testid="authorization-areas">
      <legend className="field-label">
        {w.authField('areaIds')}
        <span className="required-mark" aria-hidden="true">
          {t('common.required')}
        </span>
      </legend>
      <div className="checks area-checks">
        {shown.map((a) => (
          <label key={a.id} className="inline-check">
            <input type="checkbox" checked={chosen.includes(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} data-testid={`authorization-area-${a.id}`} />
            {t('areaScreens.withNote', { text: a.name, note: w.areaKind(a.kind) })}
          </label>
        ))}
        {!areas.loading && shown.length === 0 && <p className="muted">{t('areaScreens.authorizations.noAreasToChoose')}</p>}
      </div>
      <FieldNotes id={id} hint={hint} error={error} />
    </fieldset>
  );
}
