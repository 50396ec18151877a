import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { earliestDate, latestDate } from '../../db/contract/dateRange';
import { permanentRetention, retentionKinds, retentionOfYears, retentionParts, type RetentionKind } from '../../db/contract/retention';
import { describedBy, FieldNotes } from './forms';

/**
 * 保存期限 of any ledger as the form holds it: which form (日付・永年・年数) and what was typed
 * for the date and the years. db/contract/retention.ts says what is sent and stored.
 */
export interface RetentionInput {
  kind: RetentionKind;
  date: string;
  years: string;
}

export function retentionInputOf(value: string | null): RetentionInput {
  const parts = retentionParts(value);
  if (parts?.kind === 'permanent') return { kind: 'permanent', date: '', years: '' };
  if (parts?.kind === 'years') return { kind: 'years', date: '', years: String(parts.years) };
  return { kind: 'date', date: parts?.kind === 'date' ? parts.date : '', years: '' };
}

/**
 * What the form sends: an empty date is no 保存期限; years as typed (「５」 is 5). Years that are
 * not a number go as 'P0Y', so main answers with the message about the range of years.
 */
export function retentionValueOf(input: RetentionInput): string | null {
  if (input.kind === 'permanent') return permanentRetention;
  if (input.kind === 'date') return input.date || null;
  // A trailing 年 or 年間 typed after the number is the unit the field already shows.
  const years = input.years.normalize('NFKC').replace(/\s|\u5e74\u9593?$/g, '');
  return retentionOfYears(/^\d{1,3}$/.test(years) ? Number(years) : 0);
}

interface RetentionFieldProps {
  label: string;
  value: RetentionInput;
  onChange(value: RetentionInput): void;
  error?: string | undefined;
  /** data-testid prefix: `${testId}-kind-date`, `${testId}-date`, `${testId}-years`. */
  testId: string;
}

/**
 * A choice of 日付 / 永年 / 年数 (radio buttons: arrow keys move between them) and the one input
 * the choice needs beside it. Main's message for the field stands under the group.
 */
export function RetentionField({ label, value, onChange, error, testId }: RetentionFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hint = value.kind === 'years' ? t('retention.yearsHint') : undefined;
  const described = describedBy(id, error, hint);
  const kindWord: Record<RetentionKind, string> = { date: t('retention.kindDate'), permanent: t('retention.permanent'), years: t('retention.kindYears') };
  return (
    <fieldset className={`field retention-field${error ? ' field-invalid' : ''}`} data-testid={testId}>
      <legend className="field-label">{label}</legend>
      <div className="retention-kinds">
        {retentionKinds.map((kind) => (
          <label key={kind} className="radio-line">
            <input type="radio" name={`${id}-kind`} value={kind} checked={value.kind === kind} onChange={() => onChange({ ...value, kind })} data-testid={`${testId}-kind-${kind}`} />
            {kindWord[kind]}
          </label>
        ))}
      </div>
      {value.kind === 'date' && (
        <input
          id={id}
          type="date"
          min={earliestDate}
          max={latestDate}
          aria-label={t('retention.inputLabel', { label, kind: kindWord.date })}
          value={value.date}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange({ ...value, date: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          data-testid={`${testId}-date`}
        />
      )}
      {value.kind === 'years' && (
        <span className="retention-years">
          <input
            id={id}
            type="text"
            inputMode="numeric"
            className="input-number"
            aria-label={t('retention.inputLabel', { label, kind: kindWord.years })}
            value={value.years}
            onChange={(e: ChangeEvent<HTMLInputElement>) => onChange({ ...value, years: e.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
            data-testid={`${testId}-years`}
          />
          {t('retention.yearsUnit')}
        </span>
      )}
      <FieldNotes id={id} hint={hint} error={error} />
    </fieldset>
  );
}
