import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { splitListText } from '../../db/contract/textLists';

interface ListEditorProps {
  label: string;
  values: string[];
  onChange(values: string[]): void;
  /** The message for the list as a whole (path [field]). */
  error?: string | undefined;
  /** The message for one item (path [field, index]). */
  itemError(index: number): string | undefined;
  hint?: string | undefined;
  maxLength?: number;
  testId: string;
}

/**
 * A list of short texts (記録項目, 担当者 …) as chips: type and press Enter (or 追加) to add,
 * × to remove. Enter that confirms an IME conversion does not add. Text left in the box is
 * added when the box loses focus, so a save never drops what was typed.
 */
export function ListEditor({ label, values, onChange, error, itemError, hint, maxLength = 100, testId }: ListEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const itemErrors = values.map((v, i) => ({ v, i, message: itemError(i) })).filter((x) => x.message);
  const invalid = Boolean(error) || itemErrors.length > 0;

  /** What was typed or pasted, as items: 「氏名、住所、生年月日」 adds three (as a CSV cell would). */
  function add() {
    const items = splitListText(draft).filter((v, i, all) => !values.includes(v) && all.indexOf(v) === i);
    if (items.length > 0) onChange([...values, ...items]);
    setDraft('');
  }
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    add();
  }
  const describedBy = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div className={`field field-list${invalid ? ' field-invalid' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
      </div>
      {values.length > 0 && (
        <ul className="chips" data-testid={`${testId}-items`}>
          {values.map((v, i) => (
            <li key={`${i}-${v}`} className={itemError(i) ? 'chip chip-invalid' : 'chip'}>
              <span>{v}</span>
              <button type="button" className="chip-remove" onClick={() => onChange(values.filter((_, n) => n !== i))} aria-label={t('listEditor.remove', { item: v })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="list-input">
        <input
          id={id}
          type="text"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
          // Room for a pasted list of items; main checks each item's length and marks it here.
          maxLength={maxLength * 50}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
          placeholder={t('listEditor.placeholder')}
          data-testid={testId}
          spellCheck={false}
        />
        <button type="button" className="button-small" onClick={add} data-testid={`${testId}-add`}>
          {t('listEditor.add')}
        </button>
      </div>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {invalid && (
        <div className="field-error" id={`${id}-error`}>
          {error && <p>{error}</p>}
          {itemErrors.map((x) => (
            <p key={x.i}>{t('listEditor.itemError', { item: x.v, message: x.message })}</p>
          ))}
        </div>
      )}
    </div>
  );
}
