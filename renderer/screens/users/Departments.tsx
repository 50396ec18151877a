import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../db/contract';
import { useApi } from '../../api';
import { useCan } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FormButtons, FormFailure, TextField } from '../../components/forms';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';

export function Departments() {
  const { t } = useTranslation();
  const can = useCan();
  const departments = useLoad('departments.list', { includeInactive: true });
  const columns: Column<Department>[] = [
    { id: 'name', header: t('fields.department'), cell: (d) => d.name },
    { id: 'status', header: t('fields.status'), cell: (d) => (d.active ? t('users.active') : t('users.inactive')) },
  ];
  return (
    <div>
      <FormFailure failure={departments.failure} />
      <DataTable
        columns={columns}
        rows={departments.data ?? []}
        rowKey={(d) => d.id}
        rowProps={(d) => ({ className: d.active ? undefined : 'row-inactive' })}
        busy={departments.loading || !departments.data}
        className="narrow"
        testId="departments-table"
      />
      {can('departments.manage') && <CreateDepartment onCreated={departments.reload} />}
    </div>
  );
}

function CreateDepartment({ onCreated }: { onCreated(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const create = async () => {
    setCreated(null);
    await submit.run(
      () => api('departments.create', { name }),
      (department) => {
        setName('');
        setCreated(department.name);
        onCreated();
      },
    );
  };
  return (
    <form onSubmit={submit.onSubmit(create)} noValidate className="subpanel">
      <h2>{t('departments.create')}</h2>
      {created && (
        <p className="notice" role="status">
          {t('departments.created', { name: created })}
        </p>
      )}
      <FormFailure failure={submit.failure} fields={['name']} />
      <TextField label={t('fields.departmentName')} value={name} onChange={setName} error={submit.issue('name')} required maxLength={100} testId="department-name" />
      <FormButtons busy={submit.busy} submitLabel={t('departments.createSubmit')} testId="department-create" />
    </form>
  );
}
