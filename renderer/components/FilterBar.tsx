import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { describedBy, FieldShell, SelectField } from './forms';

/** The filters above a list: a row of fields, then a row of check boxes and links. */
export function FilterBar({ children, checks }: { children: ReactNode; checks?: ReactNode }) {
  return (
    <div className="filters" role="search">
      <div className="filter-row">{children}</div>
      {checks && <div className="filter-checks">{checks}</div>}
    </div>
  );
}

interface SearchBoxProps {
  label: string;
  hint?: string;
  /** The text the list is filtered by now ('' for none). */
  value: string;
  /** The trimmed text to filter by ('' clears the filter). */
  onSearch(text: string): void;
  delayMs?: number;
  /** Why main refused what was searched for, shown at the box. */
  error?: string | undefined;
  testId: string;
}

/**
 * A search box: typing filters after a pause, Enter at once. Enter that confirms an IME
 * conversion does not search (Japanese input).
 */
export function SearchBox({ label, hint, value, onSearch, delayMs = 300, error, testId }: SearchBoxProps) {
  const id = useId();
  const [typed, setTyped] = useState(value);
  const [applied, setApplied] = useState(value);
  // The filter changed elsewhere (条件をクリア): show it, unless it is what was typed.
  if (value !== applied) {
    setApplied(value);
    if (typed.trim() !== value) setTyped(value);
  }
  const latest = useRef({ value, onSearch });
  useEffect(() => {
    latest.current = { value, onSearch };
  });
  useEffect(() => {
    if (typed.trim() === latest.current.value) return;
    const timer = setTimeout(() => latest.current.onSearch(typed.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [typed, delayMs]);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      onSearch(typed.trim());
    }
  }
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className="field-search">
      <input
        id={id}
        type="search"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={onKeyDown}
        // No maxLength: a cut would search for less than was typed; main refuses it beside the box.
        aria-describedby={describedBy(id, error, hint)}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      />
    </FieldShell>
  );
}

interface FilterSelectProps<V extends string> {
  label: string;
  value: V;
  onChange(value: NoInfer<V>): void;
  options: { value: V; label: string }[];
  testId: string;
}

/** A choice among the list's values; the first option is usually 「すべての…」. */
export function FilterSelect<V extends string>({ label, value, onChange, options, testId }: FilterSelectProps<V>) {
  return <SelectField label={label} value={value} onChange={onChange} options={options} testId={testId} />;
}

/** A check box that narrows the list (「個人番号を含む」). */
export function FilterCheck({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange(checked: boolean): void; testId: string }) {
  return (
    <label className="inline-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      {label}
    </label>
  );
}
