import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { holdingMedia, suggestCategory } from '../../../db/contract/holdingValues';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/forms';
import { useDepartmentOptions } from '../../components/departmentOptions';
import { ListEditor } from '../../components/ListEditor';
import { RetentionField } from '../../components/RetentionField';
import { parseCount, type FormState, type ListFieldName, type TextFieldName } from './formState';
import { SuggestionText } from './parts';

interface SectionsProps {
  form: FormState;
  onChange(update: (form: FormState) => FormState): void;
  issue(path: string): string | undefined;
  /** Shown when the entry's department is not among the choices (inactive, or another's). */
  currentDepartmentName: string;
  /** A new entry may leave 管理番号 blank (main assigns it); the hint says which number it would get. */
  ledgerNo: { required: boolean; hint: string };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{title}</legend>
      <div className="form-grid">{children}</div>
    </fieldset>
  );
}

/** The form's four sections in the order of domain.md §1: basics, content, storage, periods. */
export function HoldingFormSections({ form, onChange, issue, currentDepartmentName, ledgerNo }: SectionsProps) {
  const { t } = useTranslation();
  const departmentOptions = useDepartmentOptions(form.departmentId, currentDepartmentName);
  const set =
    <K extends keyof FormState>(k: K) =>
    (v: FormState[K]) =>
      onChange((f) => ({ ...f, [k]: v }));
  const label = (k: keyof FormState) => t(`holdingFields.${k}`);
  const text = (k: TextFieldName, extra: { required?: boolean; hint?: string; maxLength?: number } = {}) => (
    <TextField label={label(k)} value={form[k]} onChange={set(k)} error={issue(k)} testId={`holding-form-${k}`} {...extra} />
  );
  // The limits main enforces (db/contract/holdings.ts): purpose 2,000, foreign handling and 備考 1,000.
  const area = (k: 'purpose' | 'foreignHandling' | 'remarks', required = false) => (
    <TextAreaField label={label(k)} value={form[k]} onChange={set(k)} error={issue(k)} required={required} rows={3} maxLength={k === 'purpose' ? 2000 : 1000} testId={`holding-form-${k}`} />
  );
  const list = (k: ListFieldName, maxLength = 100) => (
    <ListEditor label={label(k)} values={form[k]} onChange={set(k)} error={issue(k)} itemError={(i) => issue(`${k}.${i}`)} maxLength={maxLength} testId={`holding-form-${k}`} />
  );
  const date = (k: 'useUntil') => <TextField label={label(k)} type="date" value={form[k]} onChange={set(k)} error={issue(k)} testId={`holding-form-${k}`} />;
  const check = (k: 'subjectCountApproximate' | 'containsSensitive' | 'containsMyNumber') => <CheckboxField label={label(k)} checked={form[k]} onChange={set(k)} error={issue(k)} testId={`holding-form-${k}`} />;
  const count = parseCount(form.subjectCount);
  const suggestion = suggestCategory({ ...form, subjectCount: typeof count === 'number' ? count : null });

  return (
    <>
      <Section title={t('holdingForm.sectionBasic')}>
        {text('ledgerNo', { required: ledgerNo.required, hint: ledgerNo.hint, maxLength: 30 })}
        <SelectField label={label('departmentId')} value={form.departmentId} onChange={set('departmentId')} options={departmentOptions} error={issue('departmentId')} required disabled={departmentOptions.length <= 1} testId="holding-form-departmentId" />
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
          <TextField label={label('subjectCount')} value={form.subjectCount} onChange={set('subjectCount')} error={issue('subjectCount')} hint={t('holdingForm.subjectCountHint')} inputClassName="input-number" testId="holding-form-subjectCount" />
          {check('subjectCountApproximate')}
        </div>
        <SelectField
          label={label('medium')}
          value={form.medium}
          onChange={set('medium')}
          options={[{ value: '' as const, label: t('holdingForm.noMedium') }, ...holdingMedia.map((m) => ({ value: m, label: t(`holdingMedia.${m}`) }))]}
          error={issue('medium')}
          required
          testId="holding-form-medium"
        />
        <div className="span-2 checks">
          {check('containsSensitive')}
          {check('containsMyNumber')}
          <p className="field-hint hint-strong">{t('holdingForm.myNumberHint')}</p>
        </div>
        <div className="span-2 alert alert-info" role="status" data-testid="holding-form-suggestion">
          <p>
            <SuggestionText category={suggestion.category} reasons={suggestion.reasons} />
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
        <RetentionField label={label('retention')} value={form.retention} onChange={set('retention')} error={issue('retention')} testId="holding-form-retention" />
        <div className="span-2">{text('disposalMethod', { maxLength: 500 })}</div>
        <div className="span-2">{area('remarks')}</div>
      </Section>
    </>
  );
}
