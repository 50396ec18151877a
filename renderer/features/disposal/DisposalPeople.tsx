import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Disposal } from '../../../db/contract/disposal';
import { CheckboxField, FieldNotes, SelectField } from '../../components/forms';
import { useLoad } from '../../useLoad';
import type { DisposalFormState } from './formState';
import { useDisposalWords } from './words';

interface PeopleProps {
  form: DisposalFormState;
  onChange(form: DisposalFormState): void;
  issue(path: string): string | undefined;
  disposal?: Disposal | undefined;
}

/**
 * 実施者 (one of the 課等's accounts in force) and 立会者 (any number of others). The operator is
 * never offered as a witness (domain.md §3: 二人以上での確認); main refuses it anyway.
 */
export function DisposalPeopleFields({ form, onChange, issue, disposal }: PeopleProps) {
  const { t } = useTranslation();
  const w = useDisposalWords();
  const notesId = useId();
  const departmentId = Number(form.departmentId);
  const people = useLoad('disposal.people', Number.isInteger(departmentId) && departmentId > 0 ? { departmentId } : null);
  const known = new Map((people.data ?? []).map((p) => [String(p.userId), p.name]));
  // A record's own people stay choices even when no longer in force, shown by name (opening the form changes nothing).
  for (const w of disposal?.witnesses ?? []) if (!known.has(String(w.userId))) known.set(String(w.userId), w.name);
  if (disposal && !known.has(String(disposal.operatorId))) known.set(String(disposal.operatorId), disposal.operatorName);
  const operatorOptions = [{ value: '', label: t('disposalScreens.choose') }, ...[...known].map(([value, label]) => ({ value, label }))];
  const witnessChoices = [...known].filter(([id]) => id !== form.operatorId);
  const setOperator = (operatorId: string) => onChange({ ...form, operatorId, witnessIds: form.witnessIds.filter((id) => id !== operatorId) });
  const toggleWitness = (id: string, on: boolean) => onChange({ ...form, witnessIds: on ? [...form.witnessIds, id] : form.witnessIds.filter((w) => w !== id) });
  const witnessError = issue('witnessIds') ?? form.witnessIds.map((_, n) => issue(`witnessIds.${n}`)).find(Boolean);
  return (
    <>
      <SelectField label={w.field('operatorId')} value={form.operatorId} onChange={setOperator} options={operatorOptions} error={issue('operatorId')} required testId="disposal-form-operatorId" />
      <fieldset className={`field-group${witnessError ? ' field-invalid' : ''}`} data-testid="disposal-form-witnesses">
        <legend>{w.field('witnessIds')}</legend>
        {witnessChoices.length === 0 && <p className="muted">{t('disposalScreens.noWitnessChoices')}</p>}
        {witnessChoices.map(([id, name]) => (
          <CheckboxField key={id} label={name} checked={form.witnessIds.includes(id)} onChange={(on) => toggleWitness(id, on)} testId={`disposal-form-witness-${id}`} />
        ))}
        <FieldNotes id={notesId} hint={t('disposalScreens.witnessHint')} error={witnessError} />
      </fieldset>
    </>
  );
}
