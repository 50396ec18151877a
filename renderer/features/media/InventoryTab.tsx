import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InventorySummary } from '../../../db/contract';
import type { InventoryStatus } from '../../../db/contract/mediaInventoryValues';
import { useApi } from '../../api';
import { useCan, useFormat } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FormFailure, SelectField } from '../../components/forms';
import { ListResults } from '../../components/ListResults';
import { listPageSize } from '../../components/listQuery';
import { firstPage, keysetPager, type KeysetPosition } from '../../components/Pager';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';
import { InventorySession } from './InventorySession';

const statusTone: Record<InventoryStatus, Tone> = { open: 'warning', closed: 'ok', cancelled: 'muted' };

export function InventoryStatusBadge({ status }: { status: InventoryStatus }) {
  const { t } = useTranslation();
  return <StatusBadge label={t(`mediaInventoryStatus.${status}`)} tone={statusTone[status]} testId="inventory-status" />;
}

/**
 * 点検 (MIC §42; issue #10 item 5): the sessions the reader may see, newest first, and — for a
 * media.inventory holder — a place to start one at. Opening a session shows its scan screen.
 */
export function InventoryTab() {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<number | null>(null);
  const [position, setPosition] = useState<KeysetPosition>(firstPage);
  const list = useLoad('media.inventory.list', { pageSize: listPageSize, ...(position.cursor ? { cursor: position.cursor } : {}) });
  const pager = keysetPager(position, list.data, listPageSize, setPosition);
  if (openId !== null) {
    return (
      <InventorySession
        inventoryId={openId}
        onBack={() => {
          setOpenId(null);
          list.reload();
        }}
      />
    );
  }
  return (
    <div data-testid="inventory-tab">
      <p className="field-hint">{t('mediaInventory.intro')}</p>
      <StartInventory onStarted={setOpenId} />
      <h2>{t('mediaInventory.sessionsTitle')}</h2>
      <ListResults failure={list.failure} pager={pager} busy={list.loading} testId="inventories">
        <InventoryTable rows={list.data?.rows ?? []} loading={list.loading} onOpen={setOpenId} />
      </ListResults>
    </div>
  );
}

/** A place and 「点検を開始」: the places the reader may use (main refuses a shared one to a 課等's officer, and says why). */
function StartInventory({ onStarted }: { onStarted(id: number): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const submit = useSubmit();
  const locations = useLoad('media.storageLocations.list', can('media.inventory') ? { includeInactive: false } : null);
  const [locationId, setLocationId] = useState('');
  if (!can('media.inventory')) return null;
  const options = (locations.data ?? []).map((l) => ({ value: String(l.id), label: l.departmentName ? l.name : t('mediaInventory.sharedLocation', { name: l.name }) }));
  return (
    <form className="toolbar toolbar-wrap" onSubmit={submit.onSubmit(() => submit.run(() => api('media.inventory.start', { locationId: Number(locationId) }), (s) => onStarted(s.id)))}>
      <SelectField
        label={t('mediaInventory.location')}
        value={locationId}
        onChange={setLocationId}
        options={[{ value: '', label: t('mediaInventory.chooseLocation') }, ...options]}
        testId="inventory-location"
      />
      <button type="submit" className="button-primary" disabled={submit.busy || locationId === ''} data-testid="inventory-start">
        {t('mediaInventory.start')}
      </button>
      <FormFailure failure={submit.failure} />
    </form>
  );
}

function InventoryTable({ rows, loading, onOpen }: { rows: InventorySummary[]; loading: boolean; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns: Column<InventorySummary>[] = [
    {
      id: 'location',
      header: t('mediaInventory.location'),
      className: 'cell-text',
      headerClassName: '',
      cell: (r) => (
        <button type="button" className="button-link" onClick={() => onOpen(r.id)} data-testid={`inventory-open-${r.id}`}>
          {r.locationName}
        </button>
      ),
    },
    { id: 'department', header: t('mediaFields.departmentId'), className: 'cell-text', headerClassName: '', cell: (r) => r.departmentName ?? t('mediaInventory.shared') },
    { id: 'status', header: t('mediaInventory.status'), cell: (r) => <InventoryStatusBadge status={r.status} /> },
    { id: 'started', header: t('mediaInventory.startedAt'), cell: (r) => fmt.instant(r.startedAt) },
    { id: 'by', header: t('mediaInventory.startedBy'), className: 'cell-text', headerClassName: '', cell: (r) => r.startedByName },
    { id: 'ended', header: t('mediaInventory.endedAt'), cell: (r) => fmt.instant(r.endedAt) },
  ];
  return <DataTable columns={columns} rows={rows} rowKey={(r) => r.id} busy={loading} emptyText={t('mediaInventory.sessionsNone')} testId="inventories-table" />;
}
