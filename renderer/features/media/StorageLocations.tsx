import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StorageLocation } from '../../../db/contract';
import { roleScope } from '../../../db/contract/permissions';
import { useApi } from '../../api';
import { useSession } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FilterCheck } from '../../components/FilterBar';
import { CheckboxField, FormFailure, SelectField, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { StatusBadge } from '../../components/StatusBadge';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';

/**
 * 保管場所の管理 (MIC §10: media are kept in designated, locked places), for media.master holders.
 * A 課等's officer keeps their 課等's places; the shared ones (全庁共通) are the organisation's,
 * kept by an organisation-wide role (main refuses others, and says why).
 */
export function StorageLocationsDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const organizationWide = roleScope(session.role) === 'organization';
  const [showInactive, setShowInactive] = useState(false);
  const [renaming, setRenaming] = useState<StorageLocation | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useSubmit();
  const locations = useLoad('media.storageLocations.list', { includeInactive: showInactive });
  const done = (message: string) => {
    setNotice(message);
    setRenaming(null);
    locations.reload();
  };
  const manageable = (l: StorageLocation) => l.active && (organizationWide || l.departmentId === session.departmentId);
  const deactivate = (l: StorageLocation) => action.run(() => api('media.storageLocations.deactivate', { locationId: l.id }), () => done(t('storageLocations.deactivated', { name: l.name })));
  // MIC §29 分散保管: whether the place is in the terminal's room (backup media kept there are flagged).
  const toggleRoom = (l: StorageLocation) =>
    action.run(() => api('media.storageLocations.setBesideTerminal', { locationId: l.id, besideTerminal: !l.besideTerminal }), () => done(t('mediaWatch.besideTerminalChanged', { name: l.name })));
  const columns: Column<StorageLocation>[] = [
    { id: 'name', header: t('storageLocations.name'), className: 'cell-text', headerClassName: '', cell: (l) => l.name },
    { id: 'department', header: t('storageLocations.department'), className: 'cell-text', headerClassName: '', cell: (l) => l.departmentName ?? t('storageLocations.organizationWide') },
    {
      id: 'active',
      header: t('mediaFields.status'),
      cell: (l) => (
        <>
          {!l.active && <StatusBadge label={t('storageLocations.inactive')} tone="muted" />}
          {l.besideTerminal && <StatusBadge label={t('mediaWatch.besideTerminalMark')} tone="warning" testId={`location-beside-terminal-${l.id}`} />}
        </>
      ),
    },
    {
      id: 'actions',
      header: '',
      cell: (l) =>
        manageable(l) && (
          <span className="toolbar-group">
            <button type="button" className="button-small" onClick={() => setRenaming(l)} data-testid={`location-rename-${l.id}`}>
              {t('storageLocations.rename')}
            </button>
            <button type="button" className="button-small" onClick={() => void toggleRoom(l)} disabled={action.busy} data-testid={`location-room-${l.id}`}>
              {l.besideTerminal ? t('mediaWatch.unsetBesideTerminal') : t('mediaWatch.setBesideTerminal')}
            </button>
            <button type="button" className="button-small" onClick={() => void deactivate(l)} disabled={action.busy} data-testid={`location-deactivate-${l.id}`}>
              {t('storageLocations.deactivate')}
            </button>
          </span>
        ),
    },
  ];
  return (
    <Modal title={t('storageLocations.title')} onClose={onClose} testId="storage-locations" wide>
      <p className="field-hint">{t('storageLocations.hint')}</p>
      {notice && (
        <p className="notice" role="status" data-testid="storage-locations-notice">
          {notice}
        </p>
      )}
      <FormFailure failure={action.failure ?? locations.failure} />
      {renaming ? <RenameLocation location={renaming} onCancel={() => setRenaming(null)} onDone={done} /> : <AddLocation organizationWide={organizationWide} onDone={done} />}
      <FilterCheck label={t('storageLocations.showInactive')} checked={showInactive} onChange={setShowInactive} testId="storage-locations-inactive" />
      <DataTable columns={columns} rows={locations.data ?? []} rowKey={(l) => l.id} rowProps={(l) => ({ 'data-testid': `location-row-${l.id}` })} emptyText={t('storageLocations.none')} busy={locations.loading} testId="storage-locations-table" />
    </Modal>
  );
}

/** A new place: its name and the 課等 using it (an organisation-wide role may make it shared). */
function AddLocation({ organizationWide, onDone }: { organizationWide: boolean; onDone(message: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const submit = useSubmit();
  const departments = useLoad('departments.list', organizationWide ? { includeInactive: false } : null);
  const [name, setName] = useState('');
  const [departmentId, setDepartmentId] = useState(String(session.departmentId));
  const [besideTerminal, setBesideTerminal] = useState(false);
  const options = organizationWide
    ? [{ value: '', label: t('storageLocations.organizationWide') }, ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))]
    : [{ value: String(session.departmentId), label: session.departmentName }];
  const add = () =>
    submit.run(
      () => api('media.storageLocations.create', { name, departmentId: departmentId === '' ? null : Number(departmentId), besideTerminal }),
      (l) => {
        setName('');
        setBesideTerminal(false);
        onDone(t('storageLocations.added', { name: l.name }));
      },
    );
  return (
    <form onSubmit={submit.onSubmit(add)} noValidate className="filters" data-testid="location-add">
      <FormFailure failure={submit.failure} fields={['name', 'departmentId']} />
      <div className="filter-row">
        <TextField label={t('storageLocations.name')} value={name} onChange={setName} error={submit.issue('name')} required maxLength={100} testId="location-add-name" />
        <SelectField label={t('storageLocations.department')} value={departmentId} onChange={setDepartmentId} options={options} error={submit.issue('departmentId')} disabled={options.length <= 1} testId="location-add-department" />
      </div>
      <CheckboxField label={t('mediaWatch.besideTerminal')} checked={besideTerminal} onChange={setBesideTerminal} testId="location-add-beside-terminal" />
      <p className="field-hint">{t('mediaWatch.besideTerminalHint')}</p>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={submit.busy} data-testid="location-add-submit">
          {t('storageLocations.add')}
        </button>
      </div>
    </form>
  );
}

function RenameLocation({ location, onCancel, onDone }: { location: StorageLocation; onCancel(): void; onDone(message: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [name, setName] = useState(location.name);
  const rename = () => submit.run(() => api('media.storageLocations.rename', { locationId: location.id, name }), (l) => onDone(t('storageLocations.renamed', { name: l.name })));
  return (
    <form onSubmit={submit.onSubmit(rename)} noValidate className="filters" data-testid="location-rename">
      <FormFailure failure={submit.failure} fields={['name']} />
      <TextField label={t('storageLocations.name')} value={name} onChange={setName} error={submit.issue('name')} required maxLength={100} testId="location-rename-name" />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={submit.busy} data-testid="location-rename-submit">
          {t('storageLocations.renameSubmit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
