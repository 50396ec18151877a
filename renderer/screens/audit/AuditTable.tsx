import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../db/contract';
import { sayPhrase, sayTarget, type AuditPhrase } from '../../../db/contract/auditWords';
import { useFormat } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { useAuditLabels, useAuditWords } from './auditLabels';

/** One line per event: when, who, what (in words, and the code when the words differ), on what (管理番号 and name), details in words. */
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
          {e.target ? (
            <div className="audit-target" data-testid="audit-target">
              {sayTarget(e.target)}
            </div>
          ) : (
            e.targetId && <span className="monospace"> #{e.targetId}</span>
          )}
        </>
      ),
    },
    { id: 'detail', header: t('audit.detail'), className: 'wrap', headerClassName: '', cell: (e) => <Detail phrases={e.words} /> },
  ];
  return <DataTable columns={columns} rows={rows} rowKey={(e) => e.seq} busy={loading} className="audit-table" testId="audit-table" />;
}

/** 詳細 in words, one phrase a line: 「保管場所: 書庫A → 書庫B」, 「担当課等: 市民課」. */
function Detail({ phrases }: { phrases: AuditPhrase[] }) {
  const say = useAuditWords();
  if (phrases.length === 0) return null;
  return (
    <ul className="detail" data-testid="audit-detail">
      {phrases.map((p, i) => (
        <li key={i}>{sayPhrase(p, say)}</li>
      ))}
    </ul>
  );
}
