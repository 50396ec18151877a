import { useId, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, FieldIssue } from '../../db/contract';
import { earliestDate, latestDate } from '../../db/contract/dateRange';
import { useFormat, type Formatters } from '../appContext';

type T = ReturnType<typeof useTranslation>['t'];

export function pathKey(path: FieldIssue['path']): string {
  return path.join('.');
}

/** Params that hold instants (ACCOUNT_LOCKED's `until`) are shown as dates. */
function displayParams(params: Failure['params'], fmt: Formatters): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    out[k] = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v) ? fmt.dateLike(v) : v;
  }
  return out;
}

export function failureMessage(t: T, i18n: { exists(key: string): boolean }, f: Failure, fmt: Formatters): string {
  let key = f.messageKey && i18n.exists(f.messageKey) ? f.messageKey : `errors.${f.code}`;
  if (f.code === 'ACCOUNT_LOCKED' && f.params?.until === undefined) key = 'login.lockedNoTime';
  const message = t(key, displayParams(f.params, fmt));
  // The policy's numbers, when main sends them, say what a valid password needs.
  if (f.code === 'PASSWORD_POLICY' && f.params?.minLength !== undefined && f.params.minClasses !== undefined) {
    return `${message} ${t('validation.passwordPolicy', f.params)}`;
  }
  return message;
}

export function issueMessage(t: T, i18n: { exists(key: string): boolean }, issue: FieldIssue, fmt: Formatters): string {
  const key = i18n.exists(issue.messageKey) ? issue.messageKey : 'validation.invalid';
  return t(key, displayParams(issue.params, fmt));
}

/** The message for one field, from the failure's issues (path joined by '.'). */
export function useIssue(failure: Failure | null | undefined): (path: string) => string | undefined {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  return (path) => {
    const issue = failure?.issues?.find((i) => pathKey(i.path) === path);
    return issue ? issueMessage(t, i18n, issue, fmt) : undefined;
  };
}

/**
 * The form-level message: the failure itself, plus any issue whose field the form does
 * not show (so nothing main reports is ever lost).
 */
export function FormFailure({ failure, fields = [] }: { failure: Failure | null | undefined; fields?: string[] }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  if (!failure || failure.code === 'CANCELLED') return null;
  const stray = (failure.issues ?? []).filter((i) => !fields.includes(pathKey(i.path)));
  return (
    <div className="alert alert-error" role="alert" data-testid="form-error">
      <p>{failureMessage(t, i18n, failure, fmt)}</p>
      {stray.length > 0 && (
        <ul>
          {/* The message alone: a clerk never sees an internal field key. */}
          {stray.map((i, n) => (
            <li key={n}>{issueMessage(t, i18n, i, fmt)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A field's hint and error under the control, with the ids its aria-describedby names. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

interface FieldShellProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
  children: ReactNode;
  className?: string | undefined;
  /** Characters typed against the limit main enforces: shown as 「12 / 200文字」, never cut off. */
  count?: { length: number; max: number } | undefined;
}

/** A field's frame: label (with the 必須 mark outside it), the control, its hint and its error. */
export function FieldShell({ id, label, error, hint, required, children, className, count }: FieldShellProps) {
  const { t } = useTranslation();
  const over = count !== undefined && count.length > count.max;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {/* Outside the label, so the field's accessible name is exactly its label; the input itself says "required". */}
        {required && (
          <span className="required-mark" aria-hidden="true">
            {t('common.required')}
          </span>
        )}
      </div>
      {children}
      {count && (
        <p className={`field-count${over ? ' field-count-over' : ''}`} id={`${id}-count`} data-testid="field-count">
          {t('common.charCount', { length: count.length.toLocaleString('ja-JP'), max: count.max.toLocaleString('ja-JP') })}
        </p>
      )}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** The message for text longer than the limit main enforces (main says the same if it is sent). */
function tooLong(t: T, value: string, maxLength: number | undefined): string | undefined {
  return maxLength !== undefined && value.length > maxLength ? t('validation.tooLong', { maximum: maxLength.toLocaleString('ja-JP') }) : undefined;
}

export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'number' | 'date';
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  autoComplete?: string;
  autoFocus?: boolean;
  testId?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  className?: string;
  inputClassName?: string;
}

export function TextField(props: TextFieldProps) {
  const id = useId();
  const { t } = useTranslation();
  const { label, value, onChange, type = 'text', hint, required, disabled, autoComplete, autoFocus, testId, min, max, maxLength } = props;
  // Past the limit the text stays as typed and says so (a silent cut would lose the end unseen).
  const error = tooLong(t, value, maxLength) ?? props.error;
  // A one-line field shows its count only near the limit; a text area always.
  const count = maxLength !== undefined && type === 'text' && value.length >= maxLength * 0.8 ? { length: value.length, max: maxLength } : undefined;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required} className={props.className} count={count}>
      <input
        id={id}
        type={type}
        value={value}
        className={props.inputClassName}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        required={required}
        disabled={disabled}
        autoComplete={autoComplete ?? (type === 'password' ? 'off' : undefined)}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        data-testid={testId}
        // A date's picker offers only the days a record may hold (main checks them again).
        min={min ?? (type === 'date' ? earliestDate : undefined)}
        max={max ?? (type === 'date' ? latestDate : undefined)}
        spellCheck={false}
      />
    </FieldShell>
  );
}

interface TextAreaFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  rows?: number;
  /** The limit main enforces: a counter shows it, nothing is cut. */
  maxLength?: number;
  testId?: string;
}

export function TextAreaField({ label, value, onChange, hint, required, disabled, autoFocus, rows = 4, maxLength, testId, ...props }: TextAreaFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const error = tooLong(t, value, maxLength) ?? props.error;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required} count={maxLength === undefined ? undefined : { length: value.length, max: maxLength }}>
      <textarea
        id={id}
        value={value}
        rows={rows}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        disabled={disabled}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        data-testid={testId}
      />
    </FieldShell>
  );
}

interface SelectFieldProps<V extends string> {
  label: string;
  value: V;
  onChange(value: NoInfer<V>): void;
  options: { value: V; label: string }[];
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  testId?: string;
}

export function SelectField<V extends string>({ label, value, onChange, options, error, hint, required, disabled, testId }: SelectFieldProps<V>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required}>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
        required={required}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        data-testid={testId}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  error?: string | undefined;
  disabled?: boolean;
  testId?: string;
}

export function CheckboxField({ label, checked, onChange, error, disabled, testId }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={`field field-checkbox${error ? ' field-invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
        data-testid={testId}
      />
      <label htmlFor={id}>{label}</label>
      <FieldNotes id={id} error={error} />
    </div>
  );
}

/**
 * A failure whose field issues sit under `prefix` (an update's input nests the fields:
 * `fields.<field>`), re-pathed so they show beside the same fields as a new record's.
 */
export function issuesUnder(failure: Failure, prefix: string): Failure {
  if (!failure.issues) return failure;
  return { ...failure, issues: failure.issues.map((i) => (i.path[0] === prefix ? { ...i, path: i.path.slice(1) } : i)) };
}

/** A client-side courtesy failure (main checks again), shaped like main's so one display serves both. */
export function localIssues(issues: { path: string; messageKey: string; params?: Record<string, string | number> }[]): Failure | null {
  if (issues.length === 0) return null;
  return {
    ok: false,
    code: 'INVALID_INPUT',
    messageKey: 'errors.INVALID_INPUT',
    issues: issues.map((i) => ({ path: i.path.split('.'), messageKey: i.messageKey, ...(i.params ? { params: i.params } : {}) })),
  };
}

interface FormButtonsProps {
  busy: boolean;
  submitLabel: string;
  /** The second button; absent: the submit button alone. */
  onCancel?: () => void;
  /** Its label: キャンセル unless said otherwise (戻る in a wizard). */
  cancelLabel?: string;
  danger?: boolean;
  /** A full-width submit button (the login card). */
  block?: boolean;
  /** data-testid of the submit button. */
  testId?: string;
}

/** A form's submit button (primary, or danger; disabled while busy) and its cancel button. */
export function FormButtons({ busy, submitLabel, onCancel, cancelLabel, danger, block, testId }: FormButtonsProps) {
  const { t } = useTranslation();
  const submitClass = `${danger ? 'button-danger' : 'button-primary'}${block ? ' button-block' : ''}`;
  return (
    <div className="actions">
      <button type="submit" className={submitClass} disabled={busy} data-testid={testId}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {cancelLabel ?? t('common.cancel')}
        </button>
      )}
    </div>
  );
}
