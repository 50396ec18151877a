import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, UsageEntry } from '../../../db/contract';
import { useApi } from '../../api';
import { useFormat, useSession } from '../../appContext';
import { FormFailure, SelectField, TextField, useIssue } from '../../components/forms';
import { todayLocal } from '../../format/dates';
import { useLoad } from '../../useLoad';
import { pageSize, usageKinds, type UsageKind } from './model';

interface UsageLogProps {
  holdingId: number;
  /** The first page, as holdings.get returned it. */
  firstPage: UsageEntry[];
  total: number;
  canRecord: boolean;
  onAdded(): void;
}

/** 取扱状況の記録 (MIC §14): 利用, 複製, 送信, 持出し … with date, person, purpose, count. */
export function UsageLog({ holdingId, firstPage, total, canRecord, onAdded }: UsageLogProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState(false);
  // Page 1 came with holdings.get; later pages are read on demand.
  const later = useLoad('holdings.usage.list', page > 1 ? { holdingId, page, pageSize } : null);
  const rows = page === 1 ? firstPage : (later.data?.rows ?? []);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <section className="subpanel" aria-labelledby="holding-usage-title">
      <div className="section-heading">
        <h2 id="holding-usage-title">{t('usage.title')}</h2>
        {canRecord && !recording && (
          <button type="button" onClick={() => setRecording(true)} data-testid="usage-record">
            {t('usage.record')}
          </button>
        )}
      </div>
      {recording && (
        <UsageForm
          holdingId={holdingId}
          onCancel={() => setRecording(false)}
          onAdded={() => {
            setRecording(false);
            setPage(1);
            onAdded();
          }}
        />
      )}
      {total > pageSize && (
        <div className="pager">
          <span>{t('holdings.range', { total, first, last })}</span>
          <button type="button" onClick={() => setPage((p) => p - 1)} disabled={page <= 1} data-testid="usage-prev">
            {t('common.previous')}
          </button>
          <span>{t('holdings.pageOf', { page, pages })}</span>
          <button type="button" onClick={() => setPage((p) => p + 1)} disabled={page >= pages} data-testid="usage-next">
            {t('common.next')}
          </button>
        </div>
      )}
      <FormFailure failure={later.failure} />
      <div className="table-wrap">
        <table className="data-table" data-testid="usage-table" aria-busy={page > 1 && later.loading}>
          <thead>
            <tr>
              <th>{t('usage.usedOn')}</th>
              <th>{t('usage.kind')}</th>
              <th>{t('usage.person')}</th>
              <th>{t('usage.purpose')}</th>
              <th className="col-number">{t('usage.count')}</th>
              <th>{t('usage.note')}</th>
              <th>{t('usage.recordedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  {t('usage.none')}
                </td>
              </tr>
            )}
            {rows.map((u) => (
              <tr key={u.id}>
                <td>{fmt.date(u.usedOn)}</td>
                <td>{t(`usageKinds.${u.kind}`)}</td>
                <td className="cell-text">{u.personName}</td>
                <td className="wrap">{u.purpose}</td>
                <td className="col-number">{u.count === null ? '' : u.count.toLocaleString('ja-JP')}</td>
                <td className="wrap">{u.note}</td>
                <td className="cell-text">
                  {u.recordedBy}
                  <span className="cell-note">{fmt.instant(u.recordedAt)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function UsageForm({ holdingId, onCancel, onAdded }: { holdingId: number; onCancel(): void; onAdded(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const [kind, setKind] = useState<UsageKind>('use');
  const [usedOn, setUsedOn] = useState(() => todayLocal());
  const [personName, setPersonName] = useState(session.displayName);
  const [purpose, setPurpose] = useState('');
  const [count, setCount] = useState('');
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const n = count.normalize('NFKC').replace(/[,\s]/g, '');
    const r = await api('holdings.usage.add', {
      holdingId,
      kind,
      usedOn,
      personName,
      purpose,
      // Main names a wrong count beside the field.
      count: n === '' ? null : /^\d+$/.test(n) ? Number(n) : (count as unknown as number),
      note,
    });
    setBusy(false);
    if (r.ok) onAdded();
    else setFailure(r);
  }

  return (
    <form onSubmit={submit} noValidate className="usage-form" data-testid="usage-form">
      <h3>{t('usage.formTitle')}</h3>
      <FormFailure failure={failure} fields={['kind', 'usedOn', 'personName', 'purpose', 'count', 'note']} />
      <div className="usage-grid">
        <SelectField label={t('usage.kind')} value={kind} onChange={setKind} options={usageKinds.map((k) => ({ value: k, label: t(`usageKinds.${k}`) }))} error={issue('kind')} required testId="usage-kind" />
        <TextField label={t('usage.usedOn')} type="date" value={usedOn} onChange={setUsedOn} error={issue('usedOn')} required testId="usage-date" />
        <TextField label={t('usage.person')} value={personName} onChange={setPersonName} error={issue('personName')} required maxLength={100} testId="usage-person" />
        <TextField label={t('usage.count')} value={count} onChange={setCount} error={issue('count')} inputClassName="input-number" testId="usage-count" />
        <TextField label={t('usage.purpose')} value={purpose} onChange={setPurpose} error={issue('purpose')} required maxLength={500} className="span-2" testId="usage-purpose" />
        <TextField label={t('usage.note')} value={note} onChange={setNote} error={issue('note')} maxLength={1000} className="span-2" testId="usage-note" />
      </div>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy} data-testid="usage-submit">
          {t('usage.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
