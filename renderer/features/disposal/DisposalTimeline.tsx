import { useTranslation } from 'react-i18next';
import type { Disposal, DisposalHistoryEntry, DisposalTarget } from '../../../db/contract/disposal';
import { disposalMethods, disposalPlaces, disposalResults, disposalStatuses, nistClasses, verificationOutcomes } from '../../../db/contract/disposalValues';
import { useCan, useFormat } from '../../appContext';
import { Timeline } from '../../components/Timeline';
import { useLoad } from '../../useLoad';
import { useDisposalWords } from './words';

interface DisposalTimelineProps {
  disposal: Disposal;
  /** Newest first, as disposal.get returns it. */
  history: DisposalHistoryEntry[];
  departmentNames: Map<number, string>;
}

/** Names for the ids history keeps: the record's people, and the 課等's accounts for those who record. */
function usePersonNames(d: Disposal): Map<number, string> {
  const can = useCan();
  const people = useLoad('disposal.people', can('disposal.write') ? { departmentId: d.departmentId } : null);
  const names = new Map((people.data ?? []).map((p) => [p.userId, p.name]));
  names.set(d.operatorId, d.operatorName);
  for (const w of d.witnesses) names.set(w.userId, w.name);
  return names;
}

/** What a step's note is, where it is not a reason. */
const noteLabels: Partial<Record<DisposalHistoryEntry['action'], string>> = {
  attach: 'disposalVerify.attachments.fileName',
  detach: 'disposalVerify.attachments.fileName',
  amended: 'disposalFields.certificateNo',
};

/** 変更履歴 of one record, its values in the book's words (課等 by name, codes as labels). */
export function DisposalTimeline({ disposal, history, departmentNames }: DisposalTimelineProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const w = useDisposalWords();
  const personNames = usePersonNames(disposal);
  const person = (v: unknown) => (typeof v === 'number' ? (personNames.get(v) ?? String(v)) : String(v));
  // History keeps a medium or holding by id: named as the record names it now, else by its kind and id.
  const targetLabels = new Map(disposal.targets.map((v) => [`${v.kind}:${String(v.id)}`, v.hidden ? t('disposalScreens.hiddenTarget') : v.label]));
  const target = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return String(v);
    const r = v as Partial<DisposalTarget>;
    if (r.kind === 'paper') return t('disposalScreens.paperTarget', { description: r.description, quantity: r.quantity, unit: r.unit });
    if (r.kind === 'medium' || r.kind === 'holding') return targetLabels.get(`${r.kind}:${String(r.id)}`) ?? t('disposalScreens.targetById', { kind: w.targetKind(r.kind), id: r.id });
    return JSON.stringify(v);
  };
  // A value that is a code of this ledger, in its words (an unknown code is shown as it is).
  const code = <V extends string>(values: readonly V[], v: unknown, word: (v: V) => string) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? word(v as V) : undefined);
  const formatValue = (field: string, v: unknown): string | undefined => {
    if (field === 'nistClass') return code(nistClasses, v, w.nistClass);
    if (field === 'method') return code(disposalMethods, v, w.method);
    if (field === 'verificationOutcome') return code(verificationOutcomes, v, w.outcome);
    if (field === 'placeKind') return code(disposalPlaces, v, w.place);
    if (field === 'result') return code(disposalResults, v, w.result);
    if (field === 'status') return code(disposalStatuses, v, w.status);
    if (field === 'departmentId' && typeof v === 'number') return departmentNames.get(v) ?? String(v);
    if (field === 'performedOn' && typeof v === 'string') return fmt.date(v);
    if (field === 'targets' && Array.isArray(v)) return v.map(target).join(t('timeline.listSeparator'));
    if (field === 'operatorId') return person(v);
    if (field === 'witnessIds' && Array.isArray(v)) return v.map(person).join(t('timeline.listSeparator'));
    return undefined;
  };
  const entries = history.map((e) => {
    const noteLabel = noteLabels[e.action];
    return {
      id: e.id,
      action: e.action,
      actionLabel: w.history(e.action),
      at: e.at,
      who: e.userName,
      version: e.version,
      note: e.note,
      // A step's note is its reason unless the step says otherwise: the file attached or removed, the correction's number.
      ...(noteLabel ? { noteLabel: t(noteLabel) } : {}),
      changes: e.changes,
      registered: e.action === 'create' || e.action === 'amend',
    };
  });
  return (
    <Timeline
      title={t('timeline.title')}
      entries={entries}
      fieldLabel={w.historyField}
      formatValue={formatValue}
      testId="disposal-timeline"
    />
  );
}
