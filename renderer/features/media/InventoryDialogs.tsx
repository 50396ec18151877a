import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InventoryMedium } from '../../../db/contract';
import { useApi } from '../../api';
import { useFormat } from '../../appContext';
import type { Column } from '../../components/DataTable';
import { FormButtons, FormFailure, TextAreaField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { StatusBadge } from '../../components/StatusBadge';
import { useSubmit } from '../../components/useSubmit';
import { VirtualTable } from '../../components/VirtualTable';
import { useLoad } from '../../useLoad';

interface DialogProps {
  inventoryId: number;
  onClose(): void;
  onDone(message: string): void;
}

/**
 * 点検の終了: the media expected here and not seen, each 保管中 one ticked to be marked 所在不明
 * (untick what is known to be elsewhere), with the follow-up note main requires when any is
 * marked (domain.md §2: "expected but not seen" becomes 所在不明 and prompts an incident).
 */
export function CloseInventoryDialog({ inventoryId, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const current = useLoad('media.inventory.get', { inventoryId });
  const markable = (current.data?.notSeen ?? []).filter((m) => m.status === 'in_storage');
  const [unticked, setUnticked] = useState<ReadonlySet<number>>(new Set());
  const [note, setNote] = useState('');
  const marked = markable.filter((m) => !unticked.has(m.mediumId)).map((m) => m.mediumId);
  const toggle = useCallback((id: number) => setUnticked((prev) => (prev.has(id) ? new Set([...prev].filter((x) => x !== id)) : new Set([...prev, id]))), []);
  const send = () => submit.run(() => api('media.inventory.close', { inventoryId, markMissing: marked, note }), () => onDone(t('mediaInventory.closed')));
  return (
    <Modal title={t('mediaInventory.closeTitle')} onClose={onClose} testId="inventory-close-dialog" wide>
      <form onSubmit={submit.onSubmit(send)} noValidate>
        <p className="field-hint">{t('mediaInventory.closeHint')}</p>
        <FormFailure failure={submit.failure ?? current.failure} fields={['note', 'markMissing']} />
        <h3>{t('mediaInventory.notSeenTitle')}</h3>
        {current.data && current.data.notSeen.length === 0 && <p>{t('mediaInventory.notSeenNone')}</p>}
        <NotSeenChoices media={current.data?.notSeen ?? []} unticked={unticked} onToggle={toggle} />
        <TextAreaField
          label={t('mediaInventory.note')}
          value={note}
          onChange={setNote}
          hint={t('mediaInventory.noteHint')}
          error={submit.issue('note')}
          required={marked.length > 0}
          maxLength={1000}
          rows={3}
          testId="inventory-note"
        />
        <FormButtons busy={submit.busy || current.loading} submitLabel={t('mediaInventory.confirmClose')} onCancel={onClose} testId="inventory-close-confirm" />
      </form>
    </Modal>
  );
}

/** 点検の中止, with its reason: no medium changes; the scans stay. */
export function CancelInventoryDialog({ inventoryId, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [reason, setReason] = useState('');
  const send = () => submit.run(() => api('media.inventory.cancel', { inventoryId, reason }), () => onDone(t('mediaInventory.cancelled')));
  return (
    <Modal title={t('mediaInventory.cancelTitle')} onClose={onClose} testId="inventory-cancel-dialog">
      <form onSubmit={submit.onSubmit(send)} noValidate>
        <p className="field-hint">{t('mediaInventory.cancelHint')}</p>
        <FormFailure failure={submit.failure} fields={['reason']} />
        <TextAreaField label={t('mediaInventory.cancelReason')} value={reason} onChange={setReason} error={submit.issue('reason')} required maxLength={500} rows={3} autoFocus testId="inventory-cancel-reason" />
        <FormButtons busy={submit.busy} submitLabel={t('mediaInventory.confirmCancel')} onCancel={onClose} danger testId="inventory-cancel-confirm" />
      </form>
    </Modal>
  );
}

/**
 * The close dialog's choices, one row a medium expected here and not seen: a 保管中 one has its
 * 所在不明 box, others show their status. Virtualised, as a large store may list thousands.
 */
function NotSeenChoices({ media, unticked, onToggle }: { media: InventoryMedium[]; unticked: ReadonlySet<number>; onToggle(id: number): void }) {
  const { t } = useTranslation();
  const columns = useMemo<Column<InventoryMedium>[]>(
    () => [
      {
        id: 'choice',
        header: t('mediaInventory.markMissing'),
        className: 'cell-select',
        headerClassName: '',
        cell: (m) =>
          m.status === 'in_storage' ? (
            <input type="checkbox" checked={!unticked.has(m.mediumId)} onChange={() => onToggle(m.mediumId)} aria-label={t('mediaInventory.markMissingOf', { mediaNo: m.mediaNo })} data-testid={`inventory-mark-${m.mediaNo}`} />
          ) : (
            <StatusBadge label={t(`mediaStatus.${m.status}`)} tone="danger" />
          ),
      },
      { id: 'no', header: t('mediaFields.mediaNo'), className: 'monospace', headerClassName: '', cell: (m) => m.mediaNo },
      { id: 'type', header: t('mediaFields.type'), cell: (m) => t(`mediaTypes.${m.type}`) },
    ],
    [t, unticked, onToggle],
  );
  if (media.length === 0) return null;
  return <VirtualTable columns={columns} rows={media} rowKey={(m) => m.mediumId} testId="inventory-not-seen-choices" />;
}

/** Media of the place: number, type, status, last seen, and whether this closing marked it 所在不明. Virtualised: a store may hold thousands. */
export function InventoryMediaTable({ media, emptyText, showMarked = false, testId }: { media: InventoryMedium[]; emptyText: string; showMarked?: boolean; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns = useMemo(() => {
    const list: Column<InventoryMedium>[] = [
      { id: 'no', header: t('mediaFields.mediaNo'), className: 'monospace', headerClassName: '', cell: (m) => m.mediaNo },
      { id: 'type', header: t('mediaFields.type'), cell: (m) => t(`mediaTypes.${m.type}`) },
      { id: 'status', header: t('mediaFields.status'), cell: (m) => t(`mediaStatus.${m.status}`) },
      { id: 'seen', header: t('mediaFields.lastSeenAt'), cell: (m) => (m.lastSeenAt ? fmt.date(m.lastSeenAt) : t('media.neverSeen')) },
    ];
    if (showMarked) list.push({ id: 'marked', header: '', cell: (m) => (m.markedMissing ? <StatusBadge label={t('mediaInventory.markedMissingMark')} tone="danger" /> : null) });
    return list;
  }, [t, fmt, showMarked]);
  return <VirtualTable columns={columns} rows={media} rowKey={(m) => m.mediumId} emptyText={emptyText} testId={testId} />;
}
