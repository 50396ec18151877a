import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent, ChainVerification, ChannelInput, Failure } from '../../../db/contract';
import { useApi } from '../../api';
import { useCan, useFormat } from '../../appContext';
import { FormFailure, SelectField, TextField, localIssues, useIssue } from '../../components/forms';
import { useLoad } from '../../useLoad';
import { useAuditLabels } from './AuditScreen';

const pageSize = 50;

interface Filters {
  from: string;
  to: string;
  actorUserId: string;
  action: string;
  targetType: string;
}

const noFilters: Filters = { from: '', to: '', actorUserId: '', action: '', targetType: '' };

/** Empty fields are left out, so main sees only the filters the user set. */
function toInput(f: Filters): Omit<ChannelInput<'audit.exportCsv'>, 'reason'> {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.actorUserId ? { actorUserId: Number(f.actorUserId) } : {}),
    ...(f.action.trim() ? { action: f.action.trim() } : {}),
    ...(f.targetType.trim() ? { targetType: f.targetType.trim() } : {}),
  };
}

export function AuditLog() {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [applied, setApplied] = useState<Filters>(noFilters);
  const [page, setPage] = useState(1);
  const [filterFailure, setFilterFailure] = useState<Failure | null>(null);
  const [verification, setVerification] = useState<ChainVerification | null>(null);
  const [exported, setExported] = useState<{ savedTo: string | null; rowCount: number } | null>(null);
  const [actionFailure, setActionFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(filterFailure);
  const log = useLoad('audit.query', { ...toInput(applied), page, pageSize });
  const users = useLoad('users.list', can('users.view') ? { includeInactive: true } : null);

  const total = log.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const set = (k: keyof Filters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  function search(e: FormEvent) {
    e.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setFilterFailure(localIssues([{ path: 'to', messageKey: 'validation.dateRangeOrder' }]));
      return;
    }
    setFilterFailure(null);
    setApplied(draft);
    setPage(1);
  }

  function clear() {
    setDraft(noFilters);
    setApplied(noFilters);
    setFilterFailure(null);
    setPage(1);
  }

  async function verify() {
    setBusy(true);
    setActionFailure(null);
    const r = await api('audit.verify', {});
    setBusy(false);
    if (r.ok) setVerification(r.data);
    else setActionFailure(r);
    log.reload();
  }

  async function exportCsv() {
    setBusy(true);
    setActionFailure(null);
    setExported(null);
    const r = await api('audit.exportCsv', toInput(applied));
    setBusy(false);
    if (r.ok) setExported(r.data);
    else setActionFailure(r);
    // The export is itself an event in the log.
    log.reload();
  }

  const actorOptions = [{ value: '', label: t('audit.anyone') }, ...(users.data ?? []).map((u) => ({ value: String(u.id), label: `${u.displayName} (${u.loginId})` }))];

  return (
    <div>
      <form onSubmit={search} noValidate className="filters">
        <FormFailure failure={filterFailure ?? log.failure} fields={['from', 'to', 'actorUserId', 'action', 'targetType']} />
        <div className="filter-row">
          <TextField label={t('audit.from')} type="date" value={draft.from} onChange={set('from')} error={issue('from')} testId="audit-from" />
          <TextField label={t('audit.to')} type="date" value={draft.to} onChange={set('to')} error={issue('to')} testId="audit-to" />
          {users.data && <SelectField label={t('audit.actor')} value={draft.actorUserId} onChange={set('actorUserId')} options={actorOptions} testId="audit-actor" />}
          <TextField label={t('audit.action')} value={draft.action} onChange={set('action')} error={issue('action')} maxLength={100} testId="audit-action" />
          <TextField label={t('audit.targetType')} value={draft.targetType} onChange={set('targetType')} error={issue('targetType')} maxLength={100} testId="audit-target-type" />
        </div>
        <div className="actions">
          <button type="submit" className="button-primary" data-testid="audit-search">
            {t('common.search')}
          </button>
          <button type="button" onClick={clear}>
            {t('common.clear')}
          </button>
          <span className="spacer" />
          <button type="button" onClick={() => void verify()} disabled={busy} data-testid="audit-verify">
            {t('audit.verify')}
          </button>
          <button type="button" onClick={() => void exportCsv()} disabled={busy} data-testid="audit-export">
            {t('audit.exportCsv')}
          </button>
        </div>
      </form>

      <FormFailure failure={actionFailure} />
      {verification && <VerificationResult v={verification} />}
      {exported && (
        <p className="notice" role="status" data-testid="audit-export-result">
          {exported.savedTo ? t('audit.exported', { rowCount: exported.rowCount, path: exported.savedTo }) : t('audit.exportNotSaved')}
        </p>
      )}

      <div className="pager">
        <span data-testid="audit-total">{total === 0 ? t('audit.rangeEmpty') : t('audit.range', { total, first, last })}</span>
        <button type="button" onClick={() => setPage((p) => p - 1)} disabled={page <= 1 || log.loading} data-testid="audit-prev">
          {t('common.previous')}
        </button>
        <span>{t('audit.pageOf', { page, pages })}</span>
        <button type="button" onClick={() => setPage((p) => p + 1)} disabled={page >= pages || log.loading} data-testid="audit-next">
          {t('common.next')}
        </button>
      </div>
      <AuditTable rows={log.data?.rows ?? []} loading={log.loading} />
    </div>
  );
}

function VerificationResult({ v }: { v: ChainVerification }) {
  const { t } = useTranslation();
  return (
    <div className={v.ok ? 'alert alert-ok' : 'alert alert-error'} role="status" data-testid="audit-verify-result">
      <p>{v.ok ? t('audit.verifyOk', { checked: v.checked }) : t('audit.verifyBroken', { seq: v.firstBroken?.seq ?? '?' })}</p>
      {!v.ok && v.firstBroken && <p>{t(`audit.broken_${v.firstBroken.reason}`)}</p>}
      <p className="muted">
        {t('audit.head', { seq: v.headSeq })} <code className="hash">{v.headHash}</code>
      </p>
    </div>
  );
}

function AuditTable({ rows, loading }: { rows: AuditEvent[]; loading: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useAuditLabels();
  return (
    <div className="table-wrap">
      <table className="data-table audit-table" data-testid="audit-table" aria-busy={loading}>
        <thead>
          <tr>
            <th className="col-seq">{t('audit.seq')}</th>
            <th>{t('audit.at')}</th>
            <th>{t('audit.actor')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.target')}</th>
            <th>{t('audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && !loading && (
            <tr>
              <td colSpan={6} className="empty">
                {t('common.noRows')}
              </td>
            </tr>
          )}
          {rows.map((e) => (
            <tr key={e.seq}>
              <td className="col-seq monospace">{e.seq}</td>
              <td className="nowrap">{fmt.instant(e.at)}</td>
              <td>{e.actorName}</td>
              <td>
                {labels.action(e.action)}
                {labels.action(e.action) !== e.action && <div className="code-note">{e.action}</div>}
              </td>
              <td>
                {labels.targetType(e.targetType)}
                {e.targetId && <span className="monospace"> #{e.targetId}</span>}
              </td>
              <td className="wrap">
                <Detail detail={e.detail} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
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
          <dd>
            {v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 2 ? (
              <Detail detail={v as Record<string, unknown>} depth={depth + 1} />
            ) : (
              detailValue(v)
            )}
          </dd>
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
