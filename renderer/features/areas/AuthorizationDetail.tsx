import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../db/contract';
import type { Authorization } from '../../../db/contract/areas';
import { authorizationKinds } from '../../../db/contract/areaValues';
import { useApi } from '../../api';
import { useCan, useFormat } from '../../appContext';
import { Fact, useFactWords } from '../../components/Facts';
import { FormFailure } from '../../components/forms';
import { StatusBadge } from '../../components/StatusBadge';
import { Timeline, type TimelineEntry } from '../../components/Timeline';
import { useLoad } from '../../useLoad';
import { ReasonDialog, useReasonLabel } from './AreaDialogs';
import { AuthorizationFormDialog } from './AuthorizationForm';
import { authorizationStateTone, useAreaWords } from './areaWords';

type History = ChannelOutput<'areas.authorizations.get'>['history'];

interface AuthorizationDetailProps {
  id: number;
  /** What the step that opened it did (「入室許可 R8-0001 を登録しました。」). */
  notice: string | null;
  tabs: ReactNode;
  onBack(): void;
  /** Another authorization opened (one just made from this one's terms), with what was done. */
  onOpen(id: number, notice: string): void;
}

/** One authorization: its fields, 編集 and 取消し for the 保護管理者 (areas.grant), and its 変更履歴. */
export function AuthorizationDetail({ id, notice: opening, tabs, onBack, onOpen }: AuthorizationDetailProps) {
  const { t } = useTranslation();
  const can = useCan();
  const loaded = useLoad('areas.authorizations.get', { authorizationId: id });
  const [dialog, setDialog] = useState<'edit' | 'copy' | 'revoke' | null>(null);
  const [notice, setNotice] = useState(opening);
  const a = loaded.data?.authorization;
  const done = (message: string | null) => {
    setDialog(null);
    if (message) {
      setNotice(message);
      loaded.reload();
    }
  };
  const grant = can('areas.grant');
  return (
    <section className="panel" data-testid="areas-AuthorizationsPanel">
      <h1>{t('areaScreens.title')}</h1>
      {tabs}
      <p>
        <button type="button" className="button-link" onClick={onBack} data-testid="authorization-back">
          {t('areaScreens.authorizations.backToList')}
        </button>
      </p>
      {notice && (
        <p className="notice" role="status" data-testid="authorization-notice">
          {notice}
        </p>
      )}
      <FormFailure failure={loaded.failure} />
      {!a && !loaded.failure && <p className="muted">{t('areaScreens.authorizations.loading')}</p>}
      {a && (
        <div data-testid="authorization-detail">
          <h2>{t('areaScreens.authorizations.detailTitle', { permitNo: a.permitNo })}</h2>
          {grant && a.status === 'active' && (
            <div className="toolbar toolbar-wrap">
              <div className="toolbar-group">
                <button type="button" onClick={() => setDialog('edit')} data-testid="authorization-edit">
                  {t('common.edit')}
                </button>
                <button type="button" onClick={() => setDialog('copy')} data-testid="authorization-copy">
                  {t('areaScreens.authorizations.copy')}
                </button>
                <button type="button" className="button-danger" onClick={() => setDialog('revoke')} data-testid="authorization-revoke">
                  {t('areaScreens.authorizations.revoke')}
                </button>
              </div>
            </div>
          )}
          <AuthorizationFacts a={a} />
          <AuthorizationTimeline a={a} history={loaded.data?.history ?? []} />
          {dialog === 'edit' && <AuthorizationFormDialog authorization={a} onDone={(x) => done(x && t('areaScreens.authorizations.updated', { permitNo: x.permitNo }))} />}
          {dialog === 'copy' && (
            <AuthorizationFormDialog template={a} onDone={(x) => (x ? onOpen(x.id, t('areaScreens.authorizations.created', { permitNo: x.permitNo })) : setDialog(null))} />
          )}
          {dialog === 'revoke' && <RevokeDialog a={a} onClose={() => setDialog(null)} onDone={() => done(t('areaScreens.authorizations.revoked', { permitNo: a.permitNo }))} />}
        </div>
      )}
    </section>
  );
}

function RevokeDialog({ a, onClose, onDone }: { a: Authorization; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ReasonDialog
      title={t('areaScreens.authorizations.revokeTitle', { permitNo: a.permitNo })}
      explanation={t('areaScreens.authorizations.revokeExplanation')}
      reasonLabel={useReasonLabel()}
      submitLabel={t('areaScreens.authorizations.revokeSubmit')}
      send={(reason) => api('areas.authorizations.revoke', { authorizationId: a.id, version: a.version, reason })}
      onClose={onClose}
      onDone={onDone}
      testId="authorization-revoke-dialog"
    />
  );
}

function AuthorizationFacts({ a }: { a: Authorization }) {
  const { t } = useTranslation();
  const w = useAreaWords();
  const fmt = useFormat();
  const { none, text } = useFactWords();
  const byAt = (name: string | null, at: string | null) => (name && at ? t('areaScreens.byAt', { name, at: fmt.instant(at) }) : none);
  return (
    <dl className="facts" data-testid="authorization-facts">
      <Fact label={w.authField('state')}>
        <StatusBadge label={w.authState(a.state)} tone={authorizationStateTone[a.state]} testId="authorization-detail-state" />
      </Fact>
      <Fact label={w.authField('permitNo')}>{a.permitNo}</Fact>
      <Fact label={w.authField('person')}>
        {t('areaScreens.withNote', { text: a.personKana ? `${a.personName} ${a.personKana}` : a.personName, note: w.personKind(a.personKind) })}
      </Fact>
      <Fact label={w.authField('kind')}>{w.authKind(a.kind)}</Fact>
      <Fact label={w.authField('affiliation')}>{text(a.affiliation)}</Fact>
      <Fact label={w.authField('departmentId')}>{a.departmentName}</Fact>
      <Fact label={w.authField('areaIds')}>{a.areas.map((x) => x.name).join(t('common.listSeparator'))}</Fact>
      <Fact label={w.authField('validFrom')}>{fmt.date(a.validFrom)}</Fact>
      <Fact label={w.authField('validUntil')}>{fmt.date(a.validUntil)}</Fact>
      <Fact label={w.authField('purpose')} wide>
        {text(a.purpose)}
      </Fact>
      <Fact label={w.authField('grantedBy')}>{byAt(a.grantedByName, a.grantedAt)}</Fact>
      {a.status === 'revoked' && <Fact label={w.authField('revokedBy')}>{byAt(a.revokedByName, a.revokedAt)}</Fact>}
      {a.status === 'revoked' && (
        <Fact label={w.authField('revokeReason')} wide>
          {text(a.revokeReason)}
        </Fact>
      )}
      <Fact label={w.authField('remarks')} wide>
        {text(a.remarks)}
      </Fact>
    </dl>
  );
}

/** 変更履歴, its values in the register's words: the areas and the 課等 by name, the person by name, codes as labels. */
function AuthorizationTimeline({ a, history }: { a: Authorization; history: History }) {
  const { t } = useTranslation();
  const w = useAreaWords();
  const fmt = useFormat();
  const areas = useLoad('areas.list', { includeRetired: true });
  const areaNames = new Map([...(areas.data ?? []).map((x) => [x.id, x.name] as const), ...a.areas.map((x) => [x.id, x.name] as const)]);
  const formatValue = (field: string, v: unknown): string | undefined => {
    if (field === 'areaIds' && Array.isArray(v)) return v.map((id) => areaNames.get(Number(id)) ?? `#${String(id)}`).join(t('timeline.listSeparator'));
    if (field === 'kind' && typeof v === 'string' && (authorizationKinds as readonly string[]).includes(v)) return w.authKind(v as Authorization['kind']);
    if ((field === 'validFrom' || field === 'validUntil') && typeof v === 'string') return fmt.date(v);
    if (field === 'departmentId' && v === a.departmentId) return a.departmentName;
    if (field === 'personId' && v === a.personId) return a.personName;
    return undefined;
  };
  const entries: TimelineEntry[] = history.map((h) => ({
    id: h.id,
    action: h.action,
    actionLabel: w.authHistory(h.action),
    at: h.at,
    who: h.userName,
    version: h.version,
    note: h.note,
    changes: h.changes,
    registered: h.action === 'create',
  }));
  const fieldLabel = (f: string) => (f === 'personId' ? w.authField('person') : w.authHistoryField(f));
  return <Timeline title={t('areaScreens.authorizations.history')} entries={entries} fieldLabel={fieldLabel} formatValue={formatValue} testId="authorization-timeline" />;
}
