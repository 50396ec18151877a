import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medium, MediumContent } from '../../../db/contract';
import { useApi } from '../../api';
import { useCan, useFormat } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { SearchBox } from '../../components/FilterBar';
import { FormFailure, SelectField } from '../../components/forms';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';

interface MediumContentsProps {
  medium: Medium;
  contents: MediumContent[];
  hiddenContents: number;
  /** Whether links may change now (an open medium, and the 保護担当者's permission). */
  editable: boolean;
  onChanged(message: string): void;
}

/** 格納内容: the holdings the medium carries (links to the holdings ledger), and the control that links or unlinks one. */
export function MediumContents({ medium, contents, hiddenContents, editable, onChanged }: MediumContentsProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const api = useApi();
  const action = useSubmit();
  const headingId = useId();
  const unlink = (c: MediumContent) =>
    action.run(() => api('media.unlinkHolding', { mediumId: medium.id, holdingId: c.holdingId, version: medium.version }), () => onChanged(t('mediaDetail.unlinked', { ledgerNo: c.ledgerNo })));
  const columns: Column<MediumContent>[] = [
    { id: 'ledgerNo', header: t('holdingFields.ledgerNo'), className: 'monospace', headerClassName: '', cell: (c) => c.ledgerNo },
    { id: 'name', header: t('holdingFields.shortName'), className: 'cell-text', headerClassName: '', cell: (c) => c.name },
    { id: 'department', header: t('holdingFields.department'), className: 'cell-text', headerClassName: '', cell: (c) => c.departmentName },
    { id: 'status', header: t('holdingFields.status'), cell: (c) => t(`holdingStatus.${c.status}`) },
    { id: 'linkedAt', header: t('mediaDetail.linkedAt'), className: 'cell-datetime', headerClassName: '', cell: (c) => fmt.day(c.linkedAt) },
  ];
  if (editable) {
    columns.push({
      id: 'unlink',
      header: '',
      cell: (c) => (
        <button type="button" className="button-small" onClick={() => void unlink(c)} disabled={action.busy} aria-label={t('mediaDetail.unlinkLabel', { ledgerNo: c.ledgerNo })} data-testid={`medium-unlink-${c.ledgerNo}`}>
          {t('mediaDetail.unlink')}
        </button>
      ),
    });
  }
  return (
    <section className="subpanel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('mediaDetail.contentsTitle')}</h2>
      <FormFailure failure={action.failure} />
      <DataTable columns={columns} rows={contents} rowKey={(c) => c.holdingId} emptyText={t('mediaDetail.contentsNone')} testId="medium-contents" />
      {hiddenContents > 0 && <p className="muted">{t('mediaDetail.hiddenContents', { count: hiddenContents })}</p>}
      {editable && <LinkHolding medium={medium} linked={contents} onLinked={onChanged} />}
    </section>
  );
}

/** Finds a held entry of the holdings ledger by 管理番号 or name, and adds it to the medium's contents. */
function LinkHolding({ medium, linked, onLinked }: { medium: Medium; linked: MediumContent[]; onLinked(message: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const submit = useSubmit();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState('');
  const found = useLoad('holdings.list', can('holdings.read') && text !== '' ? { text, held: true, pageSize: 20 } : null);
  const candidates = (found.data?.rows ?? []).filter((h) => !linked.some((c) => c.holdingId === h.id));
  const selected = candidates.find((h) => String(h.id) === chosen) ?? candidates[0];
  const link = () => {
    if (!selected) return;
    void submit.run(() => api('media.linkHolding', { mediumId: medium.id, holdingId: selected.id, version: medium.version }), () => onLinked(t('mediaDetail.linked', { ledgerNo: selected.ledgerNo })));
  };
  return (
    <form className="filters" onSubmit={submit.onSubmit(link)} noValidate data-testid="medium-link">
      <FormFailure failure={submit.failure ?? found.failure} />
      <div className="filter-row">
        <SearchBox label={t('mediaDetail.linkSearch')} value={text} onSearch={setText} testId="medium-link-search" />
        {text !== '' && candidates.length > 0 && (
          <SelectField label={t('mediaDetail.linkChoose')} value={selected ? String(selected.id) : ''} onChange={setChosen} options={candidates.map((h) => ({ value: String(h.id), label: `${h.ledgerNo} ${h.name}` }))} testId="medium-link-choice" />
        )}
      </div>
      {text !== '' && !found.loading && candidates.length === 0 && <p className="muted">{t('mediaDetail.linkNoMatch')}</p>}
      <div className="actions">
        <button type="submit" disabled={submit.busy || !selected} data-testid="medium-link-submit">
          {t('mediaDetail.linkSubmit')}
        </button>
      </div>
    </form>
  );
}
