import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthorizationFilters } from '../../../db/contract/areas';
import { authorizationKinds, authorizationStates, type AuthorizationSortKey } from '../../../db/contract/areaValues';
import { useApi } from '../../api';
import { useCan } from '../../appContext';
import { initialListQuery, useKeysetList, type ListQuery } from '../../components/listQuery';
import { ListResults } from '../../components/ListResults';
import { exportOutcome, OutputNotice, useOutput } from '../../components/output';
import { AuthorizationDetail } from './AuthorizationDetail';
import { AuthorizationFormDialog } from './AuthorizationForm';
import { AuthorizationFilterBar, AuthorizationTable } from './AuthorizationTable';

type AuthorizationQuery = ListQuery<AuthorizationFilters, AuthorizationSortKey>;

const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
const positive = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);

/** A home card's filters (「まもなく期限が切れる入室許可」: { state: 'expiring' }), only what the list takes. */
export function filtersFrom(initial: Record<string, unknown> | undefined): AuthorizationFilters {
  const f: AuthorizationFilters = {};
  if (!initial) return f;
  if (isOneOf(authorizationStates, initial.state)) f.state = initial.state;
  if (isOneOf(authorizationKinds, initial.kind)) f.kind = initial.kind;
  const areaId = positive(initial.areaId);
  if (areaId) f.areaId = areaId;
  const departmentId = positive(initial.departmentId);
  if (departmentId) f.departmentId = departmentId;
  const personId = positive(initial.personId);
  if (personId) f.personId = personId;
  if (typeof initial.text === 'string' && initial.text !== '') f.text = initial.text;
  return f;
}

/**
 * 入室許可 (issue #12 item 2): the list, and one authorization opened from it. The query lives here,
 * so coming back from an authorization finds the list as it was left.
 */
export function AuthorizationsPanel({ tabs, initialFilters }: { tabs: ReactNode; initialFilters?: Record<string, unknown> | undefined }) {
  const [query, setQuery] = useState<AuthorizationQuery>(() => initialListQuery(filtersFrom(initialFilters), 'validUntil'));
  const [opened, setOpened] = useState<{ id: number; notice: string | null } | null>(null);
  if (opened) {
    // Keyed by id: one made from another's terms opens afresh, with its own notice.
    return <AuthorizationDetail key={opened.id} id={opened.id} notice={opened.notice} tabs={tabs} onBack={() => setOpened(null)} onOpen={(id, notice) => setOpened({ id, notice })} />;
  }
  return <AuthorizationList query={query} onQuery={setQuery} tabs={tabs} onOpen={(id, notice = null) => setOpened({ id, notice })} />;
}

interface AuthorizationListProps {
  query: AuthorizationQuery;
  onQuery(q: AuthorizationQuery): void;
  tabs: ReactNode;
  onOpen(id: number, notice?: string | null): void;
}

/** Filters, keyset pages of 50, sortable columns, the CSV (re-auth and, past the threshold, a reason: MIC §22). */
function AuthorizationList({ query, onQuery, tabs, onOpen }: AuthorizationListProps) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const output = useOutput();
  const [creating, setCreating] = useState(false);
  const { filters, sort, direction } = query;
  const { list, pager, issue, onFilters, onSort } = useKeysetList('areas.authorizations.list', query, onQuery);
  return (
    <section className="panel" data-testid="areas-AuthorizationsPanel">
      <h1>{t('areaScreens.title')}</h1>
      {tabs}
      <div className="toolbar toolbar-wrap">
        {/* Granting is the 保護管理者's (areas.grant); main checks again. */}
        {can('areas.grant') && (
          <div className="toolbar-group">
            <button type="button" className="button-primary" onClick={() => setCreating(true)} data-testid="authorization-create">
              {t('areaScreens.authorizations.create')}
            </button>
          </div>
        )}
        <div className="toolbar-group">
          <button
            type="button"
            onClick={() => void output.run(async () => exportOutcome(await api('areas.authorizations.exportCsv', { filters })))}
            disabled={output.busy}
            data-testid="authorization-export"
          >
            {t('areaScreens.authorizations.exportCsv')}
          </button>
        </div>
      </div>
      <OutputNotice result={output.result} testId="authorization-output" />
      <AuthorizationFilterBar filters={filters} onFilters={onFilters} issue={issue} />
      <ListResults failure={list.failure} pager={pager} busy={list.loading} testId="authorization">
        <AuthorizationTable rows={list.data?.rows ?? []} loading={list.loading} sort={sort} direction={direction} onSort={onSort} onOpen={(id) => onOpen(id)} />
      </ListResults>
      {creating && (
        <AuthorizationFormDialog
          onDone={(a) => {
            setCreating(false);
            if (a) onOpen(a.id, t('areaScreens.authorizations.created', { permitNo: a.permitNo }));
          }}
        />
      )}
    </section>
  );
}
