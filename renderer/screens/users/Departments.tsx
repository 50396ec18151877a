import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../db/contract';
import { useApi } from '../../api';
import { useCan } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FormButtons, FormFailure, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';

export function Departments() {
  const { t } = useTranslation();
  const can = useCan();
  const api = useApi();
  const departments = useLoad('departments.list', { includeInactive: true });
  const change = useSubmit();
  const [renaming, setRenaming] = useState<Department | null>(null);
  // Closing is refused while active accounts belong to it; main says how many, here.
  const setActive = (d: Department, active: boolean) => void change.run(() => api('departments.update', { departmentId: d.id, active }), departments.reload);
  const columns: Column<Department>[] = [
    { id: 'name', header: t('fields.department'), cell: (d) => d.name },
    { id: 'status', header: t('fields.status'), cell: (d) => (d.active ? t('users.active') : t('users.inactive')) },
  ];
  if (can('departments.manage')) {
    columns.push({
      id: 'actions',
      header: '',
      cell: (d) => (
        <span className="row-actions">
          <button type="button" className="button-small" onClick={() => setRenaming(d)} data-testid={`department-rename-${d.id}`}>
            {t('departments.rename')}
          </button>
          <button type="button" className="button-small" onClick={() => setActive(d, !d.active)} disabled={change.busy} data-testid={`department-${d.active ? 'close' : 'reopen'}-${d.id}`}>
            {d.active ? t('departments.close') : t('departments.reopen')}
          </button>
        </span>
      ),
    });
  }
  return (
    <div>
      <FormFailure failure={departments.failure ?? change.failure} />
      {renaming && (
        <RenameDepartment
          department={renaming}
          onDone={(changed) => {
            setRenaming(null);
            if (changed) departments.reload();
          }}
        />
      )}
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

function RenameDepartment({ department, onDone }: { department: Department; onDone(changed: boolean): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [name, setName] = useState(department.name);
  const rename = () => submit.run(() => api('departments.update', { departmentId: department.id, name }), () => onDone(true));
  return (
    <Modal title={t('departments.renameTitle', { name: department.name })} onClose={() => onDone(false)} testId="department-rename-dialog">
      <form onSubmit={submit.onSubmit(rename)} noValidate>
        <FormFailure failure={submit.failure} fields={['name']} />
        <p>{t('departments.renameExplanation')}</p>
        <TextField label={t('fields.departmentName')} value={name} onChange={setName} error={submit.issue('name')} required autoFocus maxLength={100} testId="department-rename-name" />
        <FormButtons busy={submit.busy} submitLabel={t('common.save')} onCancel={() => onDone(false)} testId="department-rename-submit" />
      </form>
    </Modal>
  );
}
