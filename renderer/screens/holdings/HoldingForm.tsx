import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, Failure, Holding, HoldingFields } from '../../../db/contract';
import { roleScope } from '../../../db/contract/permissions';
import { useApi } from '../../api';
import { useSession } from '../../appContext';
import { CheckboxField, FormFailure, SelectField, TextAreaField, TextField, useIssue } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useLoad } from '../../useLoad';
import { ListEditor } from './ListEditor';
import { fieldOrder, listFields, media, suggestCategory, type ListFieldName } from './model';

type Medium = (typeof media)[number];

/** The form's own state: numbers and dates as typed, the medium possibly not chosen yet. */
interface FormState {
  ledgerNo: string;
  name: string;
  departmentId: string;
  owner: string;
  handlers: string[];
  purpose: string;
  recordItems: string[];
  recordScope: string;
  collectionMethod: string;
  subjectCount: string;
  subjectCountApproximate: boolean;
  containsSensitive: boolean;
  containsMyNumber: boolean;
  medium: Medium | '';
  storageLocation: string;
  storageMethod: string;
  authorizedPersons: string[];
  recipients: string[];
  contractors: string[];
  foreignHandling: string;
  useUntil: string;
  retentionUntil: string;
  disposalMethod: string;
}

function emptyForm(departmentId: number): FormState {
  return {
    ledgerNo: '',
    name: '',
    departmentId: String(departmentId),
    owner: '',
    handlers: [],
    purpose: '',
    recordItems: [],
    recordScope: '',
    collectionMethod: '',
    subjectCount: '',
    subjectCountApproximate: false,
    containsSensitive: false,
    containsMyNumber: false,
    medium: '',
    storageLocation: '',
    storageMethod: '',
    authorizedPersons: [],
    recipients: [],
    contractors: [],
    foreignHandling: '',
    useUntil: '',
    retentionUntil: '',
    disposalMethod: '',
  };
}

function fromHolding(h: Holding): FormState {
  // Only the form's fields: main refuses any other key (strict schema).
  const f = Object.fromEntries(fieldOrder.map((k) => [k, h[k]])) as HoldingFields;
  return {
    ...f,
    departmentId: String(h.departmentId),
    subjectCount: h.subjectCount === null ? '' : String(h.subjectCount),
    useUntil: h.useUntil ?? '',
    retentionUntil: h.retentionUntil ?? '',
  };
}

/** 「3,000」「３０００」 → 3000; anything else goes to main as typed, which names the problem. */
function parseCount(s: string): number | null | string {
  const v = s.normalize('NFKC').replace(/[,\s]/g, '');
  if (v === '') return null;
  return /^\d+$/.test(v) ? Number(v) : s;
}

function toFields(f: FormState): HoldingFields {
  return {
    ...f,
    departmentId: Number(f.departmentId),
    // Main validates; a wrong value comes back as a field issue beside the field.
    subjectCount: parseCount(f.subjectCount) as number | null,
    medium: f.medium as Medium,
    useUntil: f.useUntil || null,
    retentionUntil: f.retentionUntil || null,
  };
}

interface HoldingFormDialogProps {
  /** Absent: a new entry. */
  holding?: Holding;
  onDone(holding: Holding | null): void;
}

/** 台帳の新規登録・編集: every field of holdingFieldsSchema; main's issues beside each field. */
export function HoldingFormDialog({ holding, onDone }: HoldingFormDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const [form, setForm] = useState<FormState>(() => (holding ? fromHolding(holding) : emptyForm(session.departmentId)));
  const [version, setVersion] = useState(holding?.version ?? 0);
  const [wasVerified, setWasVerified] = useState(holding?.status === 'verified');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [reloaded, setReloaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);
  const organizationWide = roleScope(session.role) === 'organization';
  const departments = useLoad('departments.list', { includeInactive: false });
  const stale = failure?.messageKey === 'errors.staleVersion';
  const formRef = useRef<HTMLFormElement>(null);
  // After a refused save, the first field in error comes into view with the focus (the banner says why).
  useEffect(() => {
    if (!failure) return;
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) {
      field.focus({ preventScroll: true });
      field.scrollIntoView({ block: 'center' });
    } else formRef.current?.closest('.modal')?.scrollTo({ top: 0 });
  }, [failure]);

  const departmentOptions = (departments.data ?? [])
    .filter((d) => organizationWide || d.id === session.departmentId || String(d.id) === form.departmentId)
    .map((d) => ({ value: String(d.id), label: d.name }));
  if (!departmentOptions.some((o) => o.value === form.departmentId)) {
    departmentOptions.unshift({ value: form.departmentId, label: holding?.departmentName ?? session.departmentName });
  }

  const set =
    <K extends keyof FormState>(k: K) =>
    (v: FormState[K]) =>
      setForm((f) => ({ ...f, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setReloaded(false);
    const fields = toFields(form);
    const r = holding ? await api('holdings.update', { holdingId: holding.id, version, fields } satisfies ChannelInput<'holdings.update'>) : await api('holdings.create', fields);
    setBusy(false);
    if (r.ok) onDone(r.data);
    else setFailure(r);
  }

  async function reload() {
    if (!holding) return;
    setBusy(true);
    const r = await api('holdings.get', { holdingId: holding.id });
    setBusy(false);
    if (!r.ok) {
      setFailure(r);
      return;
    }
    setForm(fromHolding(r.data.holding));
    setVersion(r.data.holding.version);
    setWasVerified(r.data.holding.status === 'verified');
    setFailure(null);
    setReloaded(true);
  }

  const count = parseCount(form.subjectCount);
  const suggestion = suggestCategory({ ...form, subjectCount: typeof count === 'number' ? count : null });
  const text = (k: 'ledgerNo' | 'name' | 'owner' | 'recordScope' | 'collectionMethod' | 'storageLocation' | 'storageMethod' | 'disposalMethod', extra: { required?: boolean; hint?: string; maxLength?: number; autoFocus?: boolean } = {}) => (
    <TextField label={t(`holdingFields.${k}`)} value={form[k]} onChange={set(k)} error={issue(k)} testId={`holding-form-${k}`} {...extra} />
  );
  const area = (k: 'purpose' | 'foreignHandling', required = false) => (
    <TextAreaField label={t(`holdingFields.${k}`)} value={form[k]} onChange={set(k)} error={issue(k)} required={required} rows={3} testId={`holding-form-${k}`} />
  );
  const list = (k: ListFieldName, maxLength = 100) => (
    <ListEditor label={t(`holdingFields.${k}`)} values={form[k]} onChange={set(k)} error={issue(k)} itemError={(i) => issue(`${k}.${i}`)} maxLength={maxLength} testId={`holding-form-${k}`} />
  );
  const date = (k: 'useUntil' | 'retentionUntil') => <TextField label={t(`holdingFields.${k}`)} type="date" value={form[k]} onChange={set(k)} error={issue(k)} testId={`holding-form-${k}`} />;

  return (
    <Modal title={holding ? t('holdingForm.editTitle', { ledgerNo: holding.ledgerNo }) : t('holdingForm.createTitle')} onClose={() => onDone(null)} testId="holding-form" wide>
      <form ref={formRef} onSubmit={submit} noValidate className="holding-form">
        <FormFailure failure={failure} fields={shownPaths(form)} />
        {stale && (
          <div className="actions">
            <button type="button" onClick={() => void reload()} disabled={busy} data-testid="holding-form-reload">
              {t('holdingForm.reload')}
            </button>
          </div>
        )}
        {reloaded && (
          <p className="notice" role="status">
            {t('holdingForm.reloaded')}
          </p>
        )}
        {wasVerified && <div className="alert alert-warning">{t('holdingForm.editAfterVerify')}</div>}

        <Section title={t('holdingForm.sectionBasic')}>
          {text('ledgerNo', { required: true, hint: t('holdingForm.ledgerNoHint'), maxLength: 30 })}
          <SelectField
            label={t('holdingFields.departmentId')}
            value={form.departmentId}
            onChange={set('departmentId')}
            options={departmentOptions}
            error={issue('departmentId')}
            required
            disabled={departmentOptions.length <= 1}
            testId="holding-form-departmentId"
          />
          <div className="span-2">{text('name', { required: true, maxLength: 200 })}</div>
          {text('owner', { maxLength: 100 })}
          {list('handlers')}
          <div className="span-2">{area('purpose', true)}</div>
        </Section>

        <Section title={t('holdingForm.sectionContent')}>
          <div className="span-2">{list('recordItems')}</div>
          {text('recordScope', { maxLength: 500 })}
          {text('collectionMethod', { maxLength: 500 })}
          <div className="field-pair">
            <TextField
              label={t('holdingFields.subjectCount')}
              value={form.subjectCount}
              onChange={set('subjectCount')}
              error={issue('subjectCount')}
              hint={t('holdingForm.subjectCountHint')}
              inputClassName="input-number"
              testId="holding-form-subjectCount"
            />
            <CheckboxField label={t('holdingFields.subjectCountApproximate')} checked={form.subjectCountApproximate} onChange={set('subjectCountApproximate')} error={issue('subjectCountApproximate')} testId="holding-form-subjectCountApproximate" />
          </div>
          <SelectField
            label={t('holdingFields.medium')}
            value={form.medium}
            onChange={set('medium')}
            options={[{ value: '' as const, label: t('holdingForm.noMedium') }, ...media.map((m) => ({ value: m, label: t(`holdingMedia.${m}`) }))]}
            error={issue('medium')}
            required
            testId="holding-form-medium"
          />
          <div className="span-2 checks">
            <CheckboxField label={t('holdingFields.containsSensitive')} checked={form.containsSensitive} onChange={set('containsSensitive')} error={issue('containsSensitive')} testId="holding-form-containsSensitive" />
            <CheckboxField label={t('holdingFields.containsMyNumber')} checked={form.containsMyNumber} onChange={set('containsMyNumber')} error={issue('containsMyNumber')} testId="holding-form-containsMyNumber" />
            <p className="field-hint hint-strong">{t('holdingForm.myNumberHint')}</p>
          </div>
          <div className="span-2 alert alert-info" role="status" data-testid="holding-form-suggestion">
            <p>
              <strong>{t('suggestion.title', { category: suggestion.category })}</strong>
              {' '}
              {t('suggestion.because', { reasons: suggestion.reasons.length ? suggestion.reasons.map((r) => t(`suggestion.${r}`)).join(t('timeline.listSeparator')) : t('suggestion.none') })}
            </p>
            <p className="muted">{t('suggestion.note')}</p>
          </div>
        </Section>

        <Section title={t('holdingForm.sectionStorage')}>
          {text('storageLocation', { maxLength: 200 })}
          {text('storageMethod', { maxLength: 500 })}
          {list('authorizedPersons')}
          {list('recipients', 200)}
          {list('contractors', 200)}
          {area('foreignHandling')}
        </Section>

        <Section title={t('holdingForm.sectionPeriod')}>
          {date('useUntil')}
          {date('retentionUntil')}
          <div className="span-2">{text('disposalMethod', { maxLength: 500 })}</div>
        </Section>

        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy} data-testid="holding-form-submit">
            {holding ? t('holdingForm.submitEdit') : t('holdingForm.submitCreate')}
          </button>
          <button type="button" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Every path the form shows beside a field: the fields, and each item of each list. */
function shownPaths(form: FormState): string[] {
  return [...fieldOrder, ...listFields.flatMap((k) => form[k].map((_, i) => `${k}.${i}`))];
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{title}</legend>
      <div className="form-grid">{children}</div>
    </fieldset>
  );
}
