import { useMemo, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Inventory, InventoryCounts, InventoryScan } from '../../../db/contract';
import { inventoryCountKeys } from '../../../db/contract/mediaInventoryValues';
import { useApi } from '../../api';
import { useCan, useFormat } from '../../appContext';
import type { Column } from '../../components/DataTable';
import { FormFailure } from '../../components/forms';
import { OutputNotice, printOutcome, useOutput } from '../../components/output';
import { StatusBadge } from '../../components/StatusBadge';
import { useSubmit } from '../../components/useSubmit';
import { VirtualTable } from '../../components/VirtualTable';
import { useLoad } from '../../useLoad';
import { CancelInventoryDialog, CloseInventoryDialog, InventoryMediaTable } from './InventoryDialogs';
import { InventoryStatusBadge } from './InventoryTab';
import { beep } from './inventorySound';

/** What was read last and the counts since, kept here so a scan needs no reload of the whole session. */
interface Live {
  scans: InventoryScan[];
  counts: InventoryCounts;
}

/** Clicks on these keep their own focus; anywhere else in the session screen returns it to the scan field. */
const focusable = 'button, input, textarea, select, a, label, summary, [role="dialog"], [role="tab"]';

/**
 * One 点検 session (MIC §42): while open, ONE scan field that keeps the focus (a USB reader types
 * the label and Enter), a large line and a beep for each read, the counts and the running list;
 * 終了 lists the expected-but-unseen media to mark 所在不明 with a note; 中止 keeps the scans.
 * Closed or cancelled, it shows what was found and prints the report.
 */
export function InventorySession({ inventoryId, onBack }: { inventoryId: number; onBack(): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const detail = useLoad('media.inventory.get', { inventoryId });
  const [live, setLive] = useState<Live | null>(null);
  const [dialog, setDialog] = useState<'close' | 'cancel' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const scanField = useRef<HTMLInputElement>(null);
  const session = detail.data;
  const scans = live?.scans ?? session?.scans ?? [];
  const counts = live?.counts ?? session?.counts;
  const open = session?.status === 'open' && can('media.inventory');
  const refocus = (e: MouseEvent) => {
    if (open && dialog === null && !(e.target as HTMLElement).closest(focusable)) scanField.current?.focus();
  };
  const ended = (message: string) => {
    setDialog(null);
    setLive(null);
    setNotice(message);
    detail.reload();
  };
  return (
    <div onClick={refocus} data-testid="inventory-session">
      <div className="toolbar">
        <button type="button" onClick={onBack} data-testid="inventory-back">
          {t('mediaInventory.backToList')}
        </button>
      </div>
      <FormFailure failure={detail.failure} />
      {session && (
        <>
          <h2>
            {session.locationName} <InventoryStatusBadge status={session.status} />
          </h2>
          {notice && (
            <p className="notice" role="status" data-testid="inventory-notice">
              {notice}
            </p>
          )}
          {open && <ScanPanel inventoryId={inventoryId} field={scanField} onScanned={(scan, c) => setLive((prev) => ({ scans: [...(prev?.scans ?? session.scans), scan], counts: c }))} />}
          {counts && <CountsLine counts={counts} closed={session.status === 'closed'} />}
          {open ? (
            <div className="toolbar">
              <button type="button" className="button-primary" onClick={() => setDialog('close')} data-testid="inventory-close">
                {t('mediaInventory.close')}
              </button>
              <button type="button" onClick={() => setDialog('cancel')} data-testid="inventory-cancel">
                {t('mediaInventory.cancel')}
              </button>
            </div>
          ) : (
            <EndedSession session={session} />
          )}
          <ScanTable scans={scans} />
        </>
      )}
      {dialog === 'close' && <CloseInventoryDialog inventoryId={inventoryId} onClose={() => setDialog(null)} onDone={ended} />}
      {dialog === 'cancel' && <CancelInventoryDialog inventoryId={inventoryId} onClose={() => setDialog(null)} onDone={ended} />}
    </div>
  );
}

function scanMessage(t: ReturnType<typeof useTranslation>['t'], scan: InventoryScan): string {
  const code = scan.code;
  if (scan.result === 'seen') return t('mediaInventory.scanSeen', { code });
  if (scan.result === 'duplicate') return t('mediaInventory.scanDuplicate', { code });
  if (scan.result === 'unknown') return t('mediaInventory.scanUnknown', { code });
  // Another 課等's medium: its place and status are not the reader's to know (MIC §9).
  if (scan.mediumStatus === null) return t('mediaInventory.scanOtherHidden', { code });
  return t('mediaInventory.scanOtherLocation', { code, place: scan.registeredLocationName ?? t('media.noLocation'), status: t(`mediaStatus.${scan.mediumStatus}`) });
}

/** The one field a reader types into: cleared and focused again after every Enter, never disabled (the next label may come at once). */
function ScanPanel({ inventoryId, field, onScanned }: { inventoryId: number; field: RefObject<HTMLInputElement | null>; onScanned(scan: InventoryScan, counts: InventoryCounts): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [code, setCode] = useState('');
  const [last, setLast] = useState<InventoryScan | null>(null);
  const send = async () => {
    const typed = code;
    setCode('');
    field.current?.focus();
    if (typed.trim() === '') return;
    const ok = await submit.run(
      () => api('media.inventory.scan', { inventoryId, code: typed }),
      ({ scan, counts }) => {
        setLast(scan);
        beep(scan.result === 'seen' ? 'ok' : 'warning');
        onScanned(scan, counts);
      },
    );
    if (!ok) {
      setLast(null);
      beep('warning');
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      noValidate
    >
      <div className="field">
        <label htmlFor="inventory-scan-field">{t('mediaInventory.scanLabel')}</label>
        <input
          id="inventory-scan-field"
          ref={field}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          aria-describedby="inventory-scan-hint"
          data-testid="inventory-scan"
        />
        <p className="field-hint" id="inventory-scan-hint">
          {t('mediaInventory.scanHint')}
        </p>
      </div>
      <FormFailure failure={submit.failure} />
      {last && (
        <p className={`alert scan-result ${last.result === 'seen' ? 'alert-ok' : 'alert-warning'}`} role="status" aria-live="assertive" data-testid="inventory-last" data-result={last.result}>
          {scanMessage(t, last)}
        </p>
      )}
    </form>
  );
}

function CountsLine({ counts, closed }: { counts: InventoryCounts; closed: boolean }) {
  const { t } = useTranslation();
  const keys = inventoryCountKeys.filter((k) => closed || k !== 'markedMissing');
  return (
    <ul className="scan-counts" data-testid="inventory-counts">
      {keys.map((k) => (
        <li key={k} data-testid={`inventory-count-${k}`}>
          {t(`mediaInventoryCounts.${k}`)}: <b>{counts[k]}</b>
        </li>
      ))}
    </ul>
  );
}

/**
 * The running list, newest first. Virtualised and memoised: a scan re-renders only the rows in
 * view, so the field stays quick at thousands of scans (the guide: virtualise long lists).
 */
function ScanTable({ scans }: { scans: InventoryScan[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns = useMemo<Column<InventoryScan>[]>(
    () => [
      { id: 'at', header: t('mediaInventory.scannedAt'), cell: (s) => fmt.instant(s.scannedAt) },
      { id: 'code', header: t('mediaInventory.code'), className: 'monospace', headerClassName: '', cell: (s) => s.code },
      { id: 'result', header: t('mediaInventory.result'), cell: (s) => <StatusBadge label={t(`mediaInventoryResult.${s.result}`)} tone={s.result === 'seen' ? 'ok' : 'warning'} /> },
      { id: 'place', header: t('mediaInventory.registeredLocation'), className: 'cell-text', headerClassName: '', cell: (s) => (s.result === 'otherLocation' ? (s.registeredLocationName ?? '') : '') },
    ],
    [t, fmt],
  );
  const newestFirst = useMemo(() => [...scans].reverse(), [scans]);
  return (
    <>
      <h3>{t('mediaInventory.scansTitle')}</h3>
      <VirtualTable columns={columns} rows={newestFirst} rowKey={(s) => s.id} emptyText={t('mediaInventory.scansNone')} testId="inventory-scans" />
    </>
  );
}

/** A closed or cancelled session: what was not seen (and marked), what was out, and the report. */
function EndedSession({ session }: { session: Inventory }) {
  const { t } = useTranslation();
  const api = useApi();
  const output = useOutput();
  const print = (target: 'printer' | 'pdf') => void output.run(async () => printOutcome(await api('media.inventory.print', { inventoryId: session.id, target }), target));
  return (
    <>
      {session.note && <p className="notice">{session.note}</p>}
      <div className="toolbar">
        <button type="button" onClick={() => print('printer')} disabled={output.busy} data-testid="inventory-print">
          {t('mediaInventory.printReport')}
        </button>
        <button type="button" onClick={() => print('pdf')} disabled={output.busy} data-testid="inventory-pdf">
          {t('mediaInventory.printReportPdf')}
        </button>
      </div>
      <OutputNotice result={output.result} testId="inventory-output" />
      <h3>{t('mediaInventory.notSeenTitle')}</h3>
      <InventoryMediaTable media={session.notSeen} emptyText={t('mediaInventory.notSeenNone')} showMarked testId="inventory-not-seen" />
      <h3>{t('mediaInventory.awayTitle')}</h3>
      <InventoryMediaTable media={session.away} emptyText={t('mediaInventory.awayNone')} testId="inventory-away" />
    </>
  );
}
