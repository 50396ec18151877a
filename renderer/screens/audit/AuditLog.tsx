import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainVerification, ChannelInput, Failure } from '../../../db/contract';
import { IntegrityResult } from './IntegrityResult';
import { VerificationFindings } from './VerificationFindings';
import { useApi } from '../../api';
import { useCan } from '../../appContext';
import { FilterCheck } from '../../components/FilterBar';
import { FormFailure, SelectField, TextField, localIssues, useIssue } from '../../components/forms';
import { OutputNotice, exportOutcome, useOutput } from '../../components/output';
import { Pager, numberedPager } from '../../components/Pager';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';
import { useAuditLabels } from './auditLabels';
import { auditActions, auditTargetTypes } from '../../../db/contract/auditActions';
import { AuditTable } from './AuditTable';

const pageSize = 50;

interface Filters {
  from: string;
  to: string;
  actorUserId: string;
  action: string;
  targetType: string;
  /** Only events that change data (main filters them in SQL: auditActions.ts kind 'change'). */
  changesOnly: boolean;
}

const noFilters: Filters = { from: '', to: '', actorUserId: '', action: '', targetType: '', changesOnly: false };

/** Empty fields are left out, so main sees only the filters the user set. */
function toInput(f: Filters): Omit<ChannelInput<'audit.exportCsv'>, 'reason'> {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.actorUserId ? { actorUserId: Number(f.actorUserId) } : {}),
    ...(f.action.trim() ? { action: f.action.trim() } : {}),
    ...(f.targetType.trim() ? { targetType: f.targetType.trim() } : {}),
    ...(f.changesOnly ? { changesOnly: true } : {}),
  };
}

/** アクセス記録: filters, the tamper check, CSV, and the events a page at a time. */
export function AuditLog() {
  const api = useApi();
  const [applied, setApplied] = useState<Filters>(noFilters);
  const [page, setPage] = useState(1);
  const [verification, setVerification] = useState<ChainVerification | null>(null);
  const verify = useSubmit();
  const output = useOutput();
  const log = useLoad('audit.query', { ...toInput(applied), page, pageSize });
  const busy = verify.busy || output.busy;

  // Both are events in the log themselves: read it again afterwards.
  const runVerify = () => void verify.run(() => api('audit.verify', {}), setVerification).then(log.reload);
  const runExport = () => void output.run(async () => exportOutcome(await api('audit.exportCsv', toInput(applied)))).then(log.reload);

  return (
    <div>
      <AuditFilters
        applied={applied}
        loadFailure={log.failure}
        busy={busy}
        onApply={(f) => {
          setApplied(f);
          setPage(1);
        }}
        onVerify={runVerify}
        onExport={runExport}
      />
      <FormFailure failure={verify.failure} />
      {verification && <VerificationResult v={verification} />}
      <OutputNotice result={output.result} testId="audit-export-result" />
      {/* A refused filter shows the refusal alone, never the last page under it. */}
      {!log.failure && (
        <>
          <Pager {...numberedPager(page, log.data?.total ?? 0, pageSize, setPage)} busy={log.loading} testId="audit" />
          <AuditTable rows={log.data?.rows ?? []} loading={log.loading} />
        </>
      )}
    </div>
  );
}

interface AuditFiltersProps {
  applied: Filters;
  loadFailure: Failure | null;
  busy: boolean;
  onApply(filters: Filters): void;
  onVerify(): void;
  onExport(): void;
}

/** 期間・利用者・操作・対象種別, applied with 検索 (the period checked here first: from ≤ to). */
function AuditFilters({ applied, loadFailure, busy, onApply, onVerify, onExport }: AuditFiltersProps) {
  const { t } = useTranslation();
  const can = useCan();
  const check = useSubmit();
  // Main's refusal of an applied filter (a 個人番号 typed as 操作, say) goes beside its field too.
  const refused = useIssue(loadFailure);
  const issue = (path: string) => check.issue(path) ?? refused(path);
  const [draft, setDraft] = useState<Filters>(noFilters);
  const users = useLoad('users.list', can('users.view') ? { includeInactive: true } : null);
  const set = (k: Exclude<keyof Filters, 'changesOnly'>) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  // 操作 and 対象種別 are chosen from what the log records, in words (a typed code rarely matched).
  const labels = useAuditLabels();
  const actionOptions = [{ value: '', label: t('audit.anyAction') }, ...auditActions.map((a) => ({ value: a, label: labels.action(a) }))];
  const targetTypeOptions = [{ value: '', label: t('audit.anyTargetType') }, ...auditTargetTypes.map((k) => ({ value: k, label: labels.targetType(k) }))];
  const actorOptions = [{ value: '', label: t('audit.anyone') }, ...(users.data ?? []).map((u) => ({ value: String(u.id), label: `${u.displayName} (${u.loginId})` }))];

  function search() {
    const order = draft.from && draft.to && draft.from > draft.to ? localIssues([{ path: 'to', messageKey: 'validation.dateRangeOrder' }]) : null;
    check.fail(order);
    if (!order) onApply(draft);
  }
  // 「変更のみ」 applies at once, like the ledger's check boxes, keeping the other applied filters.
  function setChangesOnly(changesOnly: boolean) {
    setDraft((d) => ({ ...d, changesOnly }));
    onApply({ ...applied, changesOnly });
  }
  function clear() {
    setDraft(noFilters);
    check.fail(null);
    onApply(noFilters);
  }

  return (
    <form onSubmit={check.onSubmit(search)} noValidate className="filters">
      <FormFailure failure={check.failure ?? loadFailure} fields={['from', 'to', 'actorUserId', 'action', 'targetType']} />
      <div className="filter-row">
        <TextField label={t('audit.from')} type="date" value={draft.from} onChange={set('from')} error={issue('from')} testId="audit-from" />
        <TextField label={t('audit.to')} type="date" value={draft.to} onChange={set('to')} error={issue('to')} testId="audit-to" />
        {users.data && <SelectField label={t('audit.actor')} value={draft.actorUserId} onChange={set('actorUserId')} options={actorOptions} testId="audit-actor" />}
        <SelectField label={t('audit.action')} value={draft.action} onChange={set('action')} options={actionOptions} error={issue('action')} testId="audit-action" />
        <SelectField label={t('audit.targetType')} value={draft.targetType} onChange={set('targetType')} options={targetTypeOptions} error={issue('targetType')} testId="audit-target-type" />
      </div>
      <div className="filter-checks">
        <FilterCheck label={t('audit.changesOnly')} checked={draft.changesOnly} onChange={setChangesOnly} testId="audit-changes-only" />
        <span className="muted">{t('audit.changesOnlyHint')}</span>
      </div>
      {applied.changesOnly && (
        <ul className="chips" aria-label={t('audit.changesOnlyApplied')}>
          <li className="chip" data-testid="audit-changes-only-chip">
            {t('audit.changesOnlyApplied')}
            <button type="button" className="chip-remove" onClick={() => setChangesOnly(false)} aria-label={t('audit.removeFilter', { filter: t('audit.changesOnly') })}>
              ×
            </button>
          </li>
        </ul>
      )}
      <div className="actions">
        <button type="submit" className="button-primary" data-testid="audit-search">
          {t('common.search')}
        </button>
        <button type="button" onClick={clear}>
          {t('common.clear')}
        </button>
        <span className="spacer" />
        <button type="button" onClick={onVerify} disabled={busy} data-testid="audit-verify">
          {t('audit.verify')}
        </button>
        <button type="button" onClick={onExport} disabled={busy} data-testid="audit-export">
          {t('audit.exportCsv')}
        </button>
      </div>
    </form>
  );
}

function VerificationResult({ v }: { v: ChainVerification }) {
  const { t } = useTranslation();
  // The chain can hold while the file is damaged elsewhere (IntegrityResult says where).
  const fileOk = (v.integrity ?? []).every((c) => c.ok);
  return (
    <div className={v.ok && fileOk ? 'alert alert-ok' : 'alert alert-error'} role="status" data-testid="audit-verify-result">
      <p>
        {v.ok
          ? t(fileOk ? 'audit.verifyOk' : 'audit.verifyOkFileDamaged', { checked: v.checked })
          : v.firstBroken
            ? t('audit.verifyBroken', { seq: v.firstBroken.seq })
            : t('audit.verifyFindings', { checked: v.checked })}
      </p>
      {!v.ok && v.firstBroken && <p>{t(`audit.broken_${v.firstBroken.reason}`)}</p>}
      <p className="muted">
        {t('audit.head', { seq: v.headSeq })} <code className="hash">{v.headHash}</code>
      </p>
      {v.findings && <VerificationFindings findings={v.findings} />}
      {v.integrity && <IntegrityResult checks={v.integrity} />}
    </div>
  );
}
