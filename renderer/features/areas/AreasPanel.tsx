import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../../db/contract/areas';
import { roleScope } from '../../../db/contract/permissions';
import { useApi } from '../../api';
import { useCan, useSession } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FilterBar, FilterCheck, FilterSelect } from '../../components/FilterBar';
import { FormFailure } from '../../components/forms';
import { StatusBadge } from '../../components/StatusBadge';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';
import { ReasonDialog, useReasonLabel } from './AreaDialogs';
import { AreaFormDialog } from './AreaForm';
import { useAreaWords, type AreaWords } from './areaWords';

type Dialog = { kind: 'create' } | { kind: 'edit'; area: Area } | { kind: 'retire'; area: Area };

/**
 * 区域 (issue #12 item 1; MIC §19, §35): the areas of the reader's scope with their rules and how many
 * are inside now. The 保護管理者 (areas.grant) registers, edits, retires and reactivates them; the
 * buttons a role may not use are hidden (main decides).
 */
export function AreasPanel({ tabs }: { tabs: ReactNode }) {
  const { t } = useTranslation();
  const w = useAreaWords();
  const api = useApi();
  const can = useCan();
  const { session } = useSession();
  const organizationWide = roleScope(session.role) === 'organization';
  const [includeRetired, setIncludeRetired] = useState(false);
  const [departmentId, setDepartmentId] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const step = useSubmit();
  const list = useLoad('areas.list', { includeRetired, ...(departmentId ? { departmentId: Number(departmentId) } : {}) });
  const departments = useLoad('departments.list', organizationWide ? { includeInactive: false } : null);
  const grant = can('areas.grant');

  const done = (message: string | null) => {
    setDialog(null);
    if (message) {
      setNotice(message);
      list.reload();
    }
  };
  const reactivate = (a: Area) =>
    void step.run(() => api('areas.reactivate', { areaId: a.id, version: a.version }), () => done(t('areaScreens.areas.reactivated', { name: a.name })));
  const actions = grant ? { edit: (area: Area) => setDialog({ kind: 'edit', area }), retire: (area: Area) => setDialog({ kind: 'retire', area }), reactivate } : null;

  return (
    <section className="panel" data-testid="areas-AreasPanel">
      <h1>{t('areaScreens.title')}</h1>
      {tabs}
      {grant && (
        <div className="toolbar toolbar-wrap">
          <div className="toolbar-group">
            <button type="button" className="button-primary" onClick={() => setDialog({ kind: 'create' })} data-testid="area-create">
              {t('areaScreens.areas.create')}
            </button>
          </div>
        </div>
      )}
      <FilterBar
        checks={<FilterCheck label={t('areaScreens.areas.includeRetired')} checked={includeRetired} onChange={setIncludeRetired} testId="area-include-retired" />}
      >
        {organizationWide && (
          <FilterSelect
            label={w.areaField('departmentId')}
            value={departmentId}
            onChange={setDepartmentId}
            options={[{ value: '', label: t('areaScreens.areas.allDepartments') }, ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))]}
            testId="area-filter-department"
          />
        )}
      </FilterBar>
      {notice && (
        <p className="notice" role="status" data-testid="area-notice">
          {notice}
        </p>
      )}
      <FormFailure failure={list.failure ?? step.failure} />
      <AreaTable rows={list.data ?? []} loading={list.loading} w={w} showDepartment={organizationWide} actions={actions} busy={step.busy} />
      {dialog?.kind === 'create' && <AreaFormDialog onDone={(a) => done(a && t('areaScreens.areas.created', { name: a.name }))} />}
      {dialog?.kind === 'edit' && <AreaFormDialog area={dialog.area} onDone={(a) => done(a && t('areaScreens.areas.updated', { name: a.name }))} />}
      {dialog?.kind === 'retire' && (
        <RetireDialog area={dialog.area} onClose={() => setDialog(null)} onDone={() => done(t('areaScreens.areas.retired', { name: dialog.area.name }))} />
      )}
    </section>
  );
}

function RetireDialog({ area, onClose, onDone }: { area: Area; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ReasonDialog
      title={t('areaScreens.areas.retireTitle', { name: area.name })}
      explanation={t('areaScreens.areas.retireExplanation')}
      reasonLabel={useReasonLabel()}
      submitLabel={t('areaScreens.areas.retireSubmit')}
      send={(reason) => api('areas.retire', { areaId: area.id, version: area.version, reason })}
      onClose={onClose}
      onDone={onDone}
      testId="area-retire"
    />
  );
}

interface AreaActions {
  edit(area: Area): void;
  retire(area: Area): void;
  reactivate(area: Area): void;
}

interface AreaTableProps {
  rows: Area[];
  loading: boolean;
  w: AreaWords;
  showDepartment: boolean;
  /** Null: the reader may not change areas (no buttons). */
  actions: AreaActions | null;
  busy: boolean;
}

function AreaTable({ rows, loading, w, showDepartment, actions, busy }: AreaTableProps) {
  const { t } = useTranslation();
  const text = (id: string, header: string, cell: (a: Area) => ReactNode): Column<Area> => ({ id, header, cell, className: 'cell-text' });
  const columns: Column<Area>[] = [
    text('name', w.areaField('name'), (a) => <strong>{a.name}</strong>),
    text('kind', w.areaField('kind'), (a) => w.areaKind(a.kind)),
    ...(showDepartment ? [text('department', w.areaField('departmentId'), (a) => a.departmentName)] : []),
    text('location', w.areaField('location'), (a) => a.location),
    text('escort', w.areaField('escortRequired'), (a) => w.escort(a.escortRequired)),
    text('devicesIn', w.areaField('devicesIn'), (a) => w.deviceRule(a.devicesIn)),
    text('devicesOut', w.areaField('devicesOut'), (a) => w.deviceRule(a.devicesOut)),
    { id: 'inside', header: w.areaField('insideCount'), className: 'cell-number', cell: (a) => a.insideCount.toLocaleString('ja-JP') },
    { id: 'active', header: w.areaField('active'), cell: (a) => <StatusBadge label={w.active(a.active)} tone={a.active ? 'ok' : 'muted'} /> },
  ];
  if (actions) {
    columns.push({
      id: 'actions',
      header: t('common.actions'),
      cell: (a) => (
        <div className="toolbar-group" role="group" aria-label={t('areaScreens.areas.actionsFor', { name: a.name })}>
          <button type="button" className="button-small" onClick={() => actions.edit(a)} aria-label={t('areaScreens.areas.editLabel', { name: a.name })} data-testid={`area-edit-${a.id}`}>
            {t('common.edit')}
          </button>
          {a.active ? (
            <button type="button" className="button-small" onClick={() => actions.retire(a)} aria-label={t('areaScreens.areas.retireLabel', { name: a.name })} data-testid={`area-retire-${a.id}`}>
              {t('areaScreens.areas.retire')}
            </button>
          ) : (
            <button type="button" className="button-small" onClick={() => actions.reactivate(a)} disabled={busy} aria-label={t('areaScreens.areas.reactivateLabel', { name: a.name })} data-testid={`area-reactivate-${a.id}`}>
              {t('areaScreens.areas.reactivate')}
            </button>
          )}
        </div>
      ),
    });
  }
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(a) => a.id}
      rowProps={(a) => ({ className: a.active ? undefined : 'row-inactive', 'data-testid': `area-row-${a.id}` })}
      busy={loading}
      emptyText={t('areaScreens.areas.empty')}
      testId="area-table"
    />
  );
}
