import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../db/contract';
import { useApi } from '../../api';
import { useCan } from '../../appContext';
import { FormFailure, TextField, useIssue } from '../../components/forms';
import { useLoad } from '../../useLoad';

export function Departments() {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const departments = useLoad('departments.list', { includeInactive: true });
  const [name, setName] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await api('departments.create', { name });
    setBusy(false);
    if (r.ok) {
      setFailure(null);
      setName('');
      setCreated(r.data.name);
      departments.reload();
    } else {
      setCreated(null);
      setFailure(r);
    }
  }

  return (
    <div>
      <FormFailure failure={departments.failure} />
      <div className="table-wrap">
        <table className="data-table narrow" data-testid="departments-table">
          <thead>
            <tr>
              <th>{t('fields.department')}</th>
              <th>{t('fields.status')}</th>
            </tr>
          </thead>
          <tbody>
            {departments.data?.map((d) => (
              <tr key={d.id} className={d.active ? undefined : 'row-inactive'}>
                <td>{d.name}</td>
                <td>{d.active ? t('users.active') : t('users.inactive')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can('departments.manage') && (
        <form onSubmit={submit} noValidate className="subpanel">
          <h2>{t('departments.create')}</h2>
          {created && (
            <p className="notice" role="status">
              {t('departments.created', { name: created })}
            </p>
          )}
          <FormFailure failure={failure} fields={['name']} />
          <TextField label={t('fields.departmentName')} value={name} onChange={setName} error={issue('name')} required maxLength={100} testId="department-name" />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={busy} data-testid="department-create">
              {t('departments.createSubmit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
