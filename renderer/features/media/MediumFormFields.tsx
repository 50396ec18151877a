import { useId, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaEncryptions, mediaTypes } from '../../../db/contract/mediaValues';
import { CheckboxField, describedBy, FieldShell, SelectField, TextAreaField, TextField } from '../../components/forms';
import { useDepartmentOptions } from '../../components/departmentOptions';
import { useLoad } from '../../useLoad';
import type { MediumFormState, MediumTextField } from './formState';
import { useMediaNoHint } from './mediaNoHint';

interface FieldsProps {
  form: MediumFormState;
  onChange(form: MediumFormState): void;
  issue(path: string): string | undefined;
  /** Shown when the medium's 課等 is not among the choices (inactive, or another's). */
  currentDepartmentName: string;
  /** A new medium: an empty 管理番号 is numbered by the rule (mediaNoHint.ts). */
  creating?: boolean;
}

/**
 * A USB barcode reader types the label and Enter. In 管理番号, Enter goes on to the next field
 * instead of saving a half-filled form; Enter that confirms an IME conversion stays with the IME.
 */
function nextFieldOnEnter(e: KeyboardEvent<HTMLInputElement>) {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
  e.preventDefault();
  const fields = Array.from(e.currentTarget.form?.elements ?? []).filter((el): el is HTMLElement => el instanceof HTMLElement && !el.hasAttribute('disabled') && el.tagName !== 'FIELDSET');
  fields[fields.indexOf(e.currentTarget) + 1]?.focus();
}

/** 管理番号, the form's first field: the Modal focuses it, so a clerk scans the sticker as soon as the form opens. */
function MediaNoField({ value, onChange, error, hint, required }: { value: string; onChange(v: string): void; error: string | undefined; hint: string; required: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <FieldShell id={id} label={t('mediaFields.mediaNo')} hint={hint} error={error} required={required}>
      <input
        id={id}
        type="text"
        className="monospace"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={nextFieldOnEnter}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        data-testid="medium-form-mediaNo"
        spellCheck={false}
        autoComplete="off"
      />
    </FieldShell>
  );
}

/** Active places of the chosen 課等 or the whole organisation, and the medium's own place even if stopped since. */
function useLocationOptions(departmentId: string, current: string) {
  const { t } = useTranslation();
  const locations = useLoad('media.storageLocations.list', { includeInactive: true });
  const fit = (locations.data ?? []).filter((l) => String(l.id) === current || (l.active && (l.departmentId === null || String(l.departmentId) === departmentId)));
  return [{ value: '', label: t('media.noLocation') }, ...fit.map((l) => ({ value: String(l.id), label: l.active ? l.name : `${l.name} (${t('storageLocations.inactive')})` }))];
}

/** Every field of mediumFieldsSchema, in the order of domain.md §2; main's issues beside each. */
export function MediumFormFields({ form, onChange, issue, currentDepartmentName, creating = false }: FieldsProps) {
  const mediaNo = useMediaNoHint(creating, form.departmentId, form.type);
  const { t } = useTranslation();
  const departmentOptions = useDepartmentOptions(form.departmentId, currentDepartmentName);
  const locationOptions = useLocationOptions(form.departmentId, form.storageLocationId);
  const set = <K extends keyof MediumFormState>(key: K) => (value: MediumFormState[K]) => onChange({ ...form, [key]: value });
  const text = (key: MediumTextField, maxLength: number) => (
    <TextField label={t(`mediaFields.${key}`)} value={form[key]} onChange={set(key)} error={issue(key)} maxLength={maxLength} testId={`medium-form-${key}`} />
  );
  return (
    <div className="form-grid">
      <MediaNoField value={form.mediaNo} onChange={set('mediaNo')} error={issue('mediaNo')} hint={mediaNo.hint} required={mediaNo.required} />
      <SelectField
        label={t('mediaFields.type')}
        value={form.type}
        onChange={set('type')}
        options={[{ value: '' as const, label: t('mediaForm.choose') }, ...mediaTypes.map((m) => ({ value: m, label: t(`mediaTypes.${m}`) }))]}
        error={issue('type')}
        required
        testId="medium-form-type"
      />
      {text('makeModel', 200)}
      {text('serialNo', 100)}
      {text('capacity', 50)}
      <SelectField label={t('mediaFields.encrypted')} value={form.encrypted} onChange={set('encrypted')} options={mediaEncryptions.map((e) => ({ value: e, label: t(`mediaEncryption.${e}`) }))} error={issue('encrypted')} required testId="medium-form-encrypted" />
      <SelectField label={t('mediaFields.departmentId')} value={form.departmentId} onChange={set('departmentId')} options={departmentOptions} error={issue('departmentId')} required disabled={departmentOptions.length <= 1} testId="medium-form-departmentId" />
      {text('custodian', 100)}
      <SelectField label={t('mediaFields.storageLocationId')} value={form.storageLocationId} onChange={set('storageLocationId')} options={locationOptions} error={issue('storageLocationId')} testId="medium-form-storageLocationId" />
      <TextField label={t('mediaFields.registeredAt')} type="date" value={form.registeredAt} onChange={set('registeredAt')} error={issue('registeredAt')} hint={t('mediaForm.registeredAtHint')} testId="medium-form-registeredAt" />
      <CheckboxField label={t('mediaFields.isBackupMedium')} checked={form.isBackupMedium} onChange={set('isBackupMedium')} error={issue('isBackupMedium')} testId="medium-form-isBackupMedium" />
      {form.isBackupMedium && <p className="field-hint">{t('mediaForm.backupHint')}</p>}
      <TextAreaField label={t('mediaFields.remarks')} value={form.remarks} onChange={set('remarks')} error={issue('remarks')} maxLength={1000} rows={3} testId="medium-form-remarks" />
    </div>
  );
}
