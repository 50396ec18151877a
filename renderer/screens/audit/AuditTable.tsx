import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../db/contract';
import { useFormat } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { useAuditLabels } from './auditLabels';

/** One line per event: when, who, what (in words, and the code when the words differ), on what, details. */
export function AuditTable({ rows, loading }: { rows: AuditEvent[]; loading: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useAuditLabels();
  const columns: Column<AuditEvent>[] = [
    { id: 'seq', header: t('audit.seq'), className: 'col-seq monospace', headerClassName: 'col-seq', cell: (e) => e.seq },
    { id: 'at', header: t('audit.at'), className: 'nowrap', headerClassName: '', cell: (e) => fmt.instant(e.at) },
    { id: 'actor', header: t('audit.actor'), cell: (e) => e.actorName },
    {
      id: 'action',
      header: t('audit.action'),
      cell: (e) => (
        <>
          {labels.action(e.action)}
          {labels.action(e.action) !== e.action && <div className="code-note">{e.action}</div>}
        </>
      ),
    },
    {
      id: 'target',
      header: t('audit.target'),
      cell: (e) => (
        <>
          {labels.targetType(e.targetType)}
          {e.targetId && <span className="monospace"> #{e.targetId}</span>}
        </>
      ),
    },
    { id: 'detail', header: t('audit.detail'), className: 'wrap', headerClassName: '', cell: (e) => <Detail detail={e.detail} /> },
  ];
  return <DataTable columns={columns} rows={rows} rowKey={(e) => e.seq} busy={loading} className="audit-table" testId="audit-table" />;
}

/** The event's detail as `key: value` lines; nested objects (before/after) as nested lines. */
function Detail({ detail, depth = 0 }: { detail: Record<string, unknown>; depth?: number }) {
  const entries = Object.entries(detail);
  if (entries.length === 0) return null;
  return (
    <dl className="detail">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 2 ? <Detail detail={v as Record<string, unknown>} depth={depth + 1} /> : detailValue(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function detailValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.map(String).join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
