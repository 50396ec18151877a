import { useEffect, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonHit, PersonKind, PersonRef } from '../../../db/contract/areas';
import { useApi } from '../../api';
import { describedBy, FieldNotes, TextField } from '../../components/forms';

/** What the form shows of the person picked (the ref is what it sends). */
export interface PersonShown {
  name: string;
  kana: string;
  affiliation: string;
  kind: PersonKind;
  personId: number | null;
  userId: number | null;
  authorization: PersonHit['authorization'];
  inside: boolean;
}

export interface PersonPickerHandle {
  /** Puts the focus back in the search (after a save, so the clerk at the door types the next name). */
  focus(): void;
  /** Empties the search and any outsider typed, as after a save. */
  clear(): void;
}

interface PersonPickerProps {
  label: string;
  /** With an area, each option says the authorization for it today and whether the person is inside. */
  areaId?: number | undefined;
  kind?: PersonKind | undefined;
  testId: string;
  onPick(ref: PersonRef, shown: PersonShown): void;
  /** The text changed after a pick: nobody is picked any more. */
  onClear?(): void;
  /** Main's field issues; the picker shows `${path}` and `${path}.outsider.*` beside its fields. */
  issue?: ((path: string) => string | undefined) | undefined;
  path?: string;
  required?: boolean;
  hint?: string | undefined;
  autoFocus?: boolean;
  ref?: Ref<PersonPickerHandle>;
}

type Option = { type: 'hit'; hit: PersonHit } | { type: 'new' };

/** Folds width and spaces so 「山田　太郎」 typed matches 「山田 太郎」 known (then no 新規 is offered). */
function folded(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

function shownOf(hit: PersonHit): PersonShown {
  const { personId, userId, kind, name, kana, affiliation, authorization, inside } = hit;
  return { personId, userId, kind, name, kana, affiliation, authorization, inside };
}

function refOf(hit: PersonHit): PersonRef {
  return hit.personId !== null ? { kind: 'known', personId: hit.personId } : { kind: 'staff', userId: hit.userId ?? 0 };
}

/** The search as you type: answers arrive in any order, only the one for the text now typed is kept. */
function usePeopleSearch(text: string, areaId: number | undefined, kind: PersonKind | undefined, active: boolean, onAnswer: (hits: PersonHit[]) => void) {
  const api = useApi();
  const [answer, setAnswer] = useState<{ key: string; hits: PersonHit[] }>({ key: '', hits: [] });
  const asking = active && text.trim() !== '';
  const key = JSON.stringify([text, areaId ?? null, kind ?? null]);
  const answered = useRef(onAnswer);
  useEffect(() => {
    answered.current = onAnswer;
  });
  useEffect(() => {
    if (!asking) return;
    let current = true;
    void api('areas.people.search', { text, ...(areaId !== undefined ? { areaId } : {}), ...(kind ? { kind } : {}), limit: 20 }).then((r) => {
      if (!current) return;
      const hits = r.ok ? r.data : [];
      setAnswer({ key, hits });
      answered.current(hits);
    });
    return () => {
      current = false;
    };
  }, [api, asking, key, text, areaId, kind]);
  // While the answer for this text is on its way the last one stays shown (no flicker as one types).
  return { hits: asking ? answer.hits : [], loading: asking && answer.key !== key };
}

type OutsiderTyped = { name: string; kana: string; affiliation: string };

/**
 * The list for an answer: its hits, then 新規 — offered only once the answer for this text is in:
 * an Enter typed ahead must not make a second record of someone already known.
 */
function optionsOf(hits: PersonHit[], text: string, loading: boolean, kind: PersonKind | undefined): Option[] {
  const exact = hits.some((h) => folded(h.name) === folded(text));
  const offerNew = !loading && text.trim() !== '' && !exact && kind !== 'staff';
  return [...hits.map((hit) => ({ type: 'hit' as const, hit })), ...(offerNew ? [{ type: 'new' as const }] : [])];
}

/** The picker's state and keys: what is typed, the list, the person picked or the outsider typed. */
function usePicker({ areaId, kind, onPick, onClear, ref }: PersonPickerProps, inputRef: RefObject<HTMLInputElement | null>) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);
  const [picked, setPicked] = useState<PersonShown | null>(null);
  const [outsider, setOutsider] = useState<OutsiderTyped | null>(null);
  // An Enter typed while the answer for this text is on its way (a fast typist, a barcode reader's
  // 管理番号 + Enter) is kept and applied once the answer is in, never silently dropped.
  const pendingEnter = useRef(false);
  const pickOutsider = (fields: OutsiderTyped) => {
    setOutsider(fields);
    onPick({ kind: 'new', outsider: fields }, { ...fields, kind: 'outsider', personId: null, userId: null, authorization: null, inside: false });
  };
  const choose = (option: Option) => {
    pendingEnter.current = false;
    setOpen(false);
    setPicked(option.type === 'hit' ? shownOf(option.hit) : null);
    if (option.type === 'new') return pickOutsider({ name: text.trim(), kana: '', affiliation: '' });
    setText(option.hit.name);
    setOutsider(null);
    onPick(refOf(option.hit), shownOf(option.hit));
  };
  const keptEnter = (answer: PersonHit[]) => {
    const kept = pendingEnter.current ? optionsOf(answer, text, false, kind)[0] : undefined;
    if (kept) choose(kept);
  };
  const { hits, loading } = usePeopleSearch(text, areaId, kind, open, keptEnter);
  const options = optionsOf(hits, text, loading, kind);
  const active = Math.min(activeIndex, options.length - 1);

  useImperativeHandle(ref, () => ({
    focus: () => inputRef.current?.focus(),
    clear: () => {
      setText('');
      setPicked(null);
      setOutsider(null);
      setOpen(false);
    },
  }));

  const close = () => {
    pendingEnter.current = false;
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return setOpen(true);
      if (options.length > 0) setActiveIndex((active + (e.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length);
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      // Enter picks; it never submits the form around the picker half-filled.
      if (open && !loading && options[active]) {
        e.preventDefault();
        choose(options[active]);
      } else if (open && loading) {
        e.preventDefault();
        pendingEnter.current = true;
      } else if (!picked && !outsider) e.preventDefault();
    } else if (e.key === 'Escape' && open) {
      // Closes the list only, not the dialog the picker sits in.
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') close();
  };
  const onType = (value: string) => {
    // Typing on after an Enter means the Enter was for other text.
    pendingEnter.current = false;
    setText(value);
    setActiveIndex(0);
    setOpen(true);
    if (picked || outsider) {
      setPicked(null);
      setOutsider(null);
      onClear?.();
    }
  };
  const expanded = open && (options.length > 0 || loading || text.trim() !== '');
  return { text, picked, outsider, options, active, loading, expanded, choose, pickOutsider, onKeyDown, onType, close };
}

/**
 * 入室を認める者・入室する者 (issue #12 item 3: search as you type, kana readings too; outsiders typed in,
 * remembered for next time). A WAI-ARIA combobox that works from the keyboard alone — the clerk at the
 * door types, ↑/↓ moves, Enter picks, Esc closes, Tab leaves. The last option types a new outsider:
 * 所属 is required (MIC §35 identification of outsiders; main checks again).
 */
export function PersonPicker(props: PersonPickerProps) {
  const { label, areaId, testId, issue, path = 'person', required, hint, autoFocus } = props;
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const p = usePicker(props, inputRef);
  const error = issue?.(path);
  const optionId = (n: number) => `${id}-opt-${n}`;
  return (
    <div className={`field person-picker${error ? ' field-invalid' : ''}`} data-testid={testId}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="required-mark" aria-hidden="true">
            {t('common.required')}
          </span>
        )}
      </div>
      <input
        id={id}
        ref={inputRef}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={p.expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={p.expanded && p.options[p.active] ? optionId(p.active) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        aria-required={required || undefined}
        value={p.text}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        onChange={(e) => p.onType(e.target.value)}
        onKeyDown={p.onKeyDown}
        onBlur={p.close}
        data-testid={`${testId}-input`}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={label} aria-busy={p.loading} className="person-picker-list" hidden={!p.expanded} data-testid={`${testId}-list`}>
        {p.options.map((option, n) => (
          <li
            key={option.type === 'hit' ? `${option.hit.personId ?? ''}-${option.hit.userId ?? ''}` : 'new'}
            id={optionId(n)}
            role="option"
            aria-selected={n === p.active}
            className={`person-picker-option${n === p.active ? ' active' : ''}`}
            // mousedown, not click: the input's blur would close the list before the click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              p.choose(option);
            }}
            data-testid={option.type === 'new' ? `${testId}-new` : `${testId}-option`}
          >
            {option.type === 'hit' ? <HitLine hit={option.hit} withArea={areaId !== undefined} /> : t('areaScreens.picker.newOutsider')}
          </li>
        ))}
        {p.options.length === 0 && <li className="person-picker-empty">{p.loading ? t('areaScreens.picker.searching') : t('areaScreens.picker.noHits')}</li>}
      </ul>
      {p.picked && <PickedLine shown={p.picked} withArea={areaId !== undefined} testId={`${testId}-picked`} />}
      <FieldNotes id={id} hint={hint} error={error} />
      {p.outsider && <OutsiderFields value={p.outsider} onChange={p.pickOutsider} issue={issue} path={path} testId={testId} />}
    </div>
  );
}

function AuthorizationWord({ hit }: { hit: Pick<PersonHit, 'authorization' | 'inside'> }) {
  const { t } = useTranslation();
  const state = hit.authorization?.state;
  return (
    <>
      <span className={`person-picker-auth person-picker-auth-${state ?? 'none'}`}>
        {state ? t(`authorizationState.${state}`) : t('areaScreens.picker.noAuthorization')}
      </span>
      {hit.inside && <span className="person-picker-inside">{t('visitStatus.inside')}</span>}
    </>
  );
}

function HitLine({ hit, withArea }: { hit: PersonHit; withArea: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="person-picker-name">{hit.name}</span>
      {hit.kana && <span className="person-picker-kana">{hit.kana}</span>}
      <span className="person-picker-affiliation">{hit.affiliation}</span>
      <span className="person-picker-kind">{t(`personKind.${hit.kind}`)}</span>
      {withArea && <AuthorizationWord hit={hit} />}
    </>
  );
}

function PickedLine({ shown, withArea, testId }: { shown: PersonShown; withArea: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <p className="person-picker-picked" data-testid={testId}>
      {[shown.kana, shown.affiliation, t(`personKind.${shown.kind}`)].filter(Boolean).join(t('areaScreens.joined'))}
      {withArea && ' '}
      {withArea && <AuthorizationWord hit={shown} />}
    </p>
  );
}

interface OutsiderFieldsProps {
  value: { name: string; kana: string; affiliation: string };
  onChange(value: { name: string; kana: string; affiliation: string }): void;
  issue?: ((path: string) => string | undefined) | undefined;
  path: string;
  testId: string;
}

/** A new outsider, remembered by main for next time: 氏名・よみ・所属 (所属 required). */
function OutsiderFields({ value, onChange, issue, path, testId }: OutsiderFieldsProps) {
  const { t } = useTranslation();
  const first = useRef<HTMLDivElement>(null);
  // The name is already typed: the focus goes on to よみ, so the keyboard never leaves the row.
  useEffect(() => first.current?.querySelector<HTMLInputElement>('input')?.focus(), []);
  const at = (field: string) => issue?.(`${path}.outsider.${field}`);
  return (
    <fieldset className="person-picker-new" data-testid={`${testId}-outsider`}>
      <legend>{t('areaScreens.picker.newOutsiderTitle')}</legend>
      <TextField label={t('personFields.name')} value={value.name} onChange={(name) => onChange({ ...value, name })} required maxLength={100} error={at('name')} testId={`${testId}-new-name`} />
      <div ref={first}>
        <TextField label={t('personFields.kana')} value={value.kana} onChange={(kana) => onChange({ ...value, kana })} maxLength={100} error={at('kana')} hint={t('areaScreens.picker.kanaHint')} testId={`${testId}-new-kana`} />
      </div>
      <TextField
        label={t('personFields.affiliation')}
        value={value.affiliation}
        onChange={(affiliation) => onChange({ ...value, affiliation })}
        required
        maxLength={200}
        error={at('affiliation')}
        testId={`${testId}-new-affiliation`}
      />
    </fieldset>
  );
}
