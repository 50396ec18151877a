import { useTranslation } from 'react-i18next';
import type { Disposal } from '../../../db/contract/disposal';
import { disposalMethods, disposalPlaces, disposalResults, verificationOutcomes } from '../../../db/contract/disposalValues';
import { useDepartmentOptions } from '../../components/departmentOptions';
import { SelectField, TextAreaField, TextField } from '../../components/forms';
import { useSession } from '../../appContext';
import { DisposalPeopleFields } from './DisposalPeople';
import { DisposalTargets } from './DisposalTargets';
import { classesFor, withMethod, type DisposalFormState, type DisposalTextField } from './formState';
import { useDisposalWords } from './words';

interface FieldsProps {
  form: DisposalFormState;
  onChange(form: DisposalFormState): void;
  issue(path: string): string | undefined;
  /** An edit: the record as loaded (its 課等 and people by name when no longer among the choices). */
  disposal?: Disposal | undefined;
}

/** Every field of disposalFieldsSchema in the order of domain.md §3; main's issues beside each. */
export function DisposalFormFields({ form, onChange, issue, disposal }: FieldsProps) {
  const { t } = useTranslation();
  const w = useDisposalWords();
  const { session } = useSession();
  const departmentOptions = useDepartmentOptions(form.departmentId, disposal?.departmentName ?? session.departmentName);
  const set = <K extends keyof DisposalFormState>(key: K) => (value: DisposalFormState[K]) => onChange({ ...form, [key]: value });
  const text = (key: DisposalTextField, maxLength: number, hint?: string) => (
    <TextField label={w.field(key)} value={form[key]} onChange={set(key)} error={issue(key)} hint={hint} maxLength={maxLength} testId={`disposal-form-${key}`} />
  );
  const choose = { value: '' as const, label: t('disposalScreens.choose') };
  // Another 課等's people and targets are not this record's: a new 課等 starts them again.
  const setDepartment = (departmentId: string) => onChange({ ...form, departmentId, operatorId: '', witnessIds: [] });
  return (
    <div className="form-grid">
      <SelectField label={w.field('departmentId')} value={form.departmentId} onChange={setDepartment} options={departmentOptions} error={issue('departmentId')} required disabled={departmentOptions.length <= 1} testId="disposal-form-departmentId" />
      <DisposalTargets form={form} onChange={onChange} issue={issue} />
      <SelectField
        label={w.field('method')}
        value={form.method}
        onChange={(m) => onChange(withMethod(form, m))}
        options={[choose, ...disposalMethods.map((m) => ({ value: m, label: w.method(m) }))]}
        error={issue('method')}
        required
        testId="disposal-form-method"
      />
      {/* NIST SP 800-88: the method decides which classes it may be; the others are not offered. */}
      <SelectField
        label={w.field('nistClass')}
        value={form.nistClass}
        onChange={set('nistClass')}
        options={[choose, ...classesFor(form.method).map((c) => ({ value: c, label: w.nistClass(c) }))]}
        error={issue('nistClass')}
        hint={t('disposalScreens.nistClassHint')}
        required
        testId="disposal-form-nistClass"
      />
      {text('methodDetail', 500, t('disposalScreens.methodDetailHint'))}
      {text('tool', 200)}
      {text('toolVersion', 100)}
      {text('verificationMethod', 500)}
      <SelectField
        label={w.field('verificationOutcome')}
        value={form.verificationOutcome}
        onChange={set('verificationOutcome')}
        options={[choose, ...verificationOutcomes.map((o) => ({ value: o, label: w.outcome(o) }))]}
        error={issue('verificationOutcome')}
        required
        testId="disposal-form-verificationOutcome"
      />
      <TextField label={w.field('performedOn')} type="date" value={form.performedOn} onChange={set('performedOn')} error={issue('performedOn')} required testId="disposal-form-performedOn" />
      <SelectField label={w.field('placeKind')} value={form.placeKind} onChange={set('placeKind')} options={disposalPlaces.map((p) => ({ value: p, label: w.place(p) }))} error={issue('placeKind')} required testId="disposal-form-placeKind" />
      {text('placeDetail', 200)}
      <DisposalPeopleFields form={form} onChange={onChange} issue={issue} disposal={disposal} />
      {/* MIC §13: outsourced work is witnessed or certified by the contractor with photos. */}
      {form.placeKind === 'contractor' && (
        <fieldset className="field-group field-wide" data-testid="disposal-form-contractor">
          <legend>{t('disposalScreens.contractorGroup')}</legend>
          <p className="field-hint">{t('disposalScreens.contractorHint')}</p>
          {text('contractorName', 200)}
          {text('contractorCertificateNo', 100)}
          {text('contractorStaff', 200)}
        </fieldset>
      )}
      <SelectField label={w.field('result')} value={form.result} onChange={set('result')} options={[choose, ...disposalResults.map((r) => ({ value: r, label: w.result(r) }))]} error={issue('result')} required testId="disposal-form-result" />
      <TextAreaField
        label={w.field('resultNote')}
        value={form.resultNote}
        onChange={set('resultNote')}
        error={issue('resultNote')}
        hint={t('disposalScreens.resultNoteHint')}
        required={form.result === 'exception' || form.result === 'failed'}
        maxLength={2000}
        rows={2}
        testId="disposal-form-resultNote"
      />
      <TextAreaField label={w.field('remarks')} value={form.remarks} onChange={set('remarks')} error={issue('remarks')} maxLength={2000} rows={3} testId="disposal-form-remarks" />
    </div>
  );
}
