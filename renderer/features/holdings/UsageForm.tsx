import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usageKinds, type UsageKind } from '../../../db/contract/holdingValues';
import { useApi } from '../../api';
import { useFormat, useSession } from '../../appContext';
import { FormButtons, FormFailure, SelectField, TextField } from '../../components/forms';
import { useSubmit } from '../../components/useSubmit';
import { parseCount } from './formState';

/** One use of the file: what, when (today in the organisation's zone by default), who, why, how many. */
export function UsageForm({ holdingId, onCancel, onAdded }: { holdingId: number; onCancel(): void; onAdded(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const { session } = useSession();
  const submit = useSubmit();
  const [kind, setKind] = useState<UsageKind>('use');
  const [usedOn, setUsedOn] = useState(() => fmt.today());
  const [personName, setPersonName] = useState(session.displayName);
  const [purpose, setPurpose] = useState('');
  const [count, setCount] = useState('');
  const [note, setNote] = useState('');
  const issue = submit.issue;

  const save = () =>
    submit.run(
      // Main validates the count; a wrong one comes back as an issue beside the field.
      () => api('holdings.usage.add', { holdingId, kind, usedOn, personName, purpose, count: parseCount(count) as number | null, note }),
      onAdded,
    );

  return (
    <form onSubmit={submit.onSubmit(save)} noValidate className="usage-form" data-testid="usage-form">
      <h3>{t('usage.formTitle')}</h3>
      <FormFailure failure={submit.failure} fields={['kind', 'usedOn', 'personName', 'purpose', 'count', 'note']} />
      <div className="usage-grid">
        <SelectField label={t('usage.kind')} value={kind} onChange={setKind} options={usageKinds.map((k) => ({ value: k, label: t(`usageKinds.${k}`) }))} error={issue('kind')} required testId="usage-kind" />
        <TextField label={t('usage.usedOn')} type="date" value={usedOn} onChange={setUsedOn} error={issue('usedOn')} required testId="usage-date" />
        <TextField label={t('usage.person')} value={personName} onChange={setPersonName} error={issue('personName')} required maxLength={100} testId="usage-person" />
        <TextField label={t('usage.count')} value={count} onChange={setCount} error={issue('count')} inputClassName="input-number" testId="usage-count" />
        <TextField label={t('usage.purpose')} value={purpose} onChange={setPurpose} error={issue('purpose')} required maxLength={500} className="span-2" testId="usage-purpose" />
        <TextField label={t('usage.note')} value={note} onChange={setNote} error={issue('note')} maxLength={1000} className="span-2" testId="usage-note" />
      </div>
      <FormButtons busy={submit.busy} submitLabel={t('usage.submit')} onCancel={onCancel} testId="usage-submit" />
    </form>
  );
}
