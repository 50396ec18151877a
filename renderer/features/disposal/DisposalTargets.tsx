import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisposalTargetView } from '../../../db/contract/disposal';
import { foldNumberText } from '../../../db/contract/textLists';
import { useApi } from '../../api';
import { SearchBox } from '../../components/FilterBar';
import { describedBy, FieldShell, FormFailure } from '../../components/forms';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';
import { DisposalTargetRows } from './DisposalTargetRows';
import { targetRowOf, type DisposalFormState, type TargetRow } from './formState';
import { useTargetWords } from './parts';
import { useDisposalWords } from './words';

interface TargetsProps {
  form: DisposalFormState;
  onChange(form: DisposalFormState): void;
  issue(path: string): string | undefined;
}

/**
 * How a reader's or a clerk's 管理番号 compares: width, case and an IME's dashes folded as the
 * number was stored (Caps Lock on a reader types som-usb-001; IME on, ＳＯＭーＵＳＢ－００１).
 */
const folded = (s: string) => foldNumberText(s).trim().toUpperCase();

const isChosen = (targets: TargetRow[], c: DisposalTargetView) => targets.some((r) => r.kind === c.kind && r.kind !== 'paper' && r.id === c.id);

/**
 * 対象: media by 管理番号 (a USB barcode reader types the label and Enter: an exact match is added,
 * else the near ones are offered), holdings by number or name, and paper documents with a quantity.
 */
export function DisposalTargets({ form, onChange, issue }: TargetsProps) {
  const { t } = useTranslation();
  const w = useDisposalWords();
  const headingId = useId();
  const add = (c: DisposalTargetView) => {
    if (!isChosen(form.targets, c)) onChange({ ...form, targets: [...form.targets, targetRowOf(c)] });
  };
  const departmentId = Number(form.departmentId);
  return (
    <fieldset className={`field-group field-wide disposal-targets${issue('targets') ? ' field-invalid' : ''}`} aria-labelledby={headingId} data-testid="disposal-form-targets">
      <legend id={headingId}>{w.field('targets')}</legend>
      <DisposalTargetRows form={form} onChange={onChange} issue={issue} />
      {issue('targets') && (
        <p className="field-error" data-testid="disposal-form-targets-error">
          {issue('targets')}
        </p>
      )}
      <div className="filter-row">
        <MediumScan departmentId={departmentId} targets={form.targets} onAdd={add} />
        <HoldingSearch departmentId={departmentId} targets={form.targets} onAdd={add} />
      </div>
      <div className="actions">
        <button type="button" onClick={() => onChange({ ...form, targets: [...form.targets, { kind: 'paper', description: '', quantity: '1', unit: t('disposalScreens.paperDefaultUnit') }] })} data-testid="disposal-form-add-paper">
          {t('disposalScreens.addPaper')}
        </button>
      </div>
    </fieldset>
  );
}

interface PickerProps {
  departmentId: number;
  targets: TargetRow[];
  onAdd(c: DisposalTargetView): void;
}

/** 管理番号: the field keeps the focus, so sticker after sticker is scanned; Enter looks the number up. */
function MediumScan({ departmentId, targets, onAdd }: PickerProps) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const lookup = useSubmit();
  const [text, setText] = useState('');
  const [choices, setChoices] = useState<DisposalTargetView[] | null>(null);
  const [said, setSaid] = useState<{ text: string; miss: boolean } | null>(null);
  const added = (c: DisposalTargetView) => {
    const again = isChosen(targets, c);
    setSaid({ text: again ? t('disposalScreens.alreadyChosen', { label: c.label }) : t('disposalScreens.mediumAdded', { label: c.label }), miss: again });
    onAdd(c);
    setText('');
    setChoices(null);
    input.current?.focus();
  };
  const find = () => {
    const typed = text.trim();
    if (typed === '') return;
    void lookup.run(() => api('disposal.targetCandidates', { departmentId, kind: 'medium', text: typed }), (found) => {
      const exact = found.find((c) => folded(c.label) === folded(typed));
      if (exact) return added(exact);
      // A miss names the number read (no list of nothing), and the text stays selected: the
      // next scan replaces it instead of being typed on after it, a hand-typed slip is fixed.
      setSaid(found.length === 0 ? { text: t('disposalScreens.mediumNotFound', { label: typed }), miss: true } : null);
      setChoices(found.length === 0 ? null : found);
      input.current?.select();
    });
  };
  // Enter that confirms an IME conversion stays with the IME; a reader's Enter never submits the form.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    find();
  };
  const hint = t('disposalScreens.mediumScanHint');
  const error = lookup.issue('text');
  return (
    <div className="disposal-target-picker">
      <FieldShell id={id} label={t('disposalScreens.mediumScan')} hint={hint} error={error}>
        <input
          id={id}
          ref={input}
          type="text"
          className="monospace"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
          data-testid="disposal-form-medium-scan"
          spellCheck={false}
          autoComplete="off"
        />
      </FieldShell>
      <FormFailure failure={lookup.failure} fields={['text']} />
      {said && (
        <p className={said.miss ? 'alert alert-warning' : 'notice'} role="status" data-testid="disposal-form-scan-notice" data-miss={said.miss || undefined}>
          {said.text}
        </p>
      )}
      {choices && <CandidateList candidates={choices} targets={targets} onAdd={added} testId="disposal-form-medium-choices" />}
    </div>
  );
}

/** 保有個人情報: found by 管理番号 or name, then added from the list. */
function HoldingSearch({ departmentId, targets, onAdd }: PickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const found = useLoad('disposal.targetCandidates', text !== '' && departmentId > 0 ? { departmentId, kind: 'holding', text } : null);
  return (
    <div className="disposal-target-picker">
      <SearchBox label={t('disposalScreens.holdingSearch')} hint={t('disposalScreens.holdingSearchHint')} value={text} onSearch={setText} testId="disposal-form-holding-search" />
      <FormFailure failure={found.failure} />
      {text !== '' && found.data && !found.loading && <CandidateList candidates={found.data} targets={targets} onAdd={onAdd} testId="disposal-form-holding-choices" />}
    </div>
  );
}

/** What a lookup found, each with its 追加 button; one already chosen says so instead. */
function CandidateList({ candidates, targets, onAdd, testId }: { candidates: DisposalTargetView[]; targets: TargetRow[]; onAdd(c: DisposalTargetView): void; testId: string }) {
  const { t } = useTranslation();
  const words = useTargetWords();
  if (candidates.length === 0) {
    return (
      <p className="muted" data-testid={testId}>
        {t('disposalScreens.noCandidates')}
      </p>
    );
  }
  return (
    <ul className="disposal-candidates" data-testid={testId}>
      {candidates.map((c) => (
        <li key={`${c.kind}-${c.id ?? c.label}`}>
          <span className="monospace">{c.label}</span> {words.detail(c)} <span className="muted">{words.status(c)}</span>{' '}
          {isChosen(targets, c) ? (
            <span className="muted">{t('disposalScreens.chosen')}</span>
          ) : (
            <button type="button" className="button-small" onClick={() => onAdd(c)} aria-label={t('disposalScreens.addTargetLabel', { label: c.label })} data-testid={`disposal-form-add-${c.label}`}>
              {t('disposalScreens.addTarget')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
