import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../../db/contract/areas';
import type { VisitFilters } from '../../../db/contract/areaVisits';
import { bookPeriods, type BookPeriod } from '../../../db/contract/areaValues';
import { useApi } from '../../api';
import { useFormat } from '../../appContext';
import { CheckboxField, FieldShell, SelectField, TextField, describedBy, useIssue } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { OutputNotice, printOutcome, useOutput } from '../../components/output';
import { useVisitWords } from './bookWords';

interface BookPrintDialogProps {
  /** 日報 or 月報, as the button that opened the dialog said (the dialog may switch). */
  period: BookPeriod;
  /** The scope's areas, those in use first. */
  areas: Area[];
  /** The book's filters: their area, 外部の者のみ and 例外のみ are the paper's first choice. */
  filters: VisitFilters;
  onClose(): void;
}

/**
 * 入退室管理簿の印刷 (issue #12 item 6): one area, one day (日報) or one month (月報) of the
 * organisation's calendar, on A4 to the printer or a PDF. Taking the book out on paper asks the
 * password again (main's reauth; the api client prompts), like the 廃棄記録簿.
 */
export function BookPrintDialog({ period: initialPeriod, areas, filters, onClose }: BookPrintDialogProps) {
  const { t } = useTranslation();
  const w = useVisitWords();
  const api = useApi();
  const fmt = useFormat();
  const output = useOutput();
  const [period, setPeriod] = useState<BookPeriod>(initialPeriod);
  const [areaId, setAreaId] = useState(String(filters.areaId ?? (areas.length === 1 ? areas[0]!.id : '')));
  const [day, setDay] = useState(filters.from !== undefined && filters.from === filters.to ? filters.from : fmt.today());
  const [month, setMonth] = useState((filters.from ?? fmt.today()).slice(0, 7));
  const [outsidersOnly, setOutsidersOnly] = useState(filters.outsidersOnly === true);
  const [exceptionsOnly, setExceptionsOnly] = useState(filters.exceptionsOnly === true);
  const [areaMissing, setAreaMissing] = useState(false);
  const failure = output.result?.kind === 'failed' ? output.result.failure : null;
  const issue = useIssue(failure);

  const print = (target: 'printer' | 'pdf') => {
    setAreaMissing(areaId === '');
    if (areaId === '') return;
    const when = period === 'day' ? { day } : { month };
    void output.run(async () => printOutcome(await api('areas.visits.printBook', { areaId: Number(areaId), period, ...when, outsidersOnly, exceptionsOnly, target }), target));
  };

  return (
    <Modal title={t('areaBook.printTitle')} onClose={onClose} testId="book-print-dialog">
      <p className="field-hint">{t('areaBook.printHint')}</p>
      <fieldset>
        <legend>{t('areaBook.period')}</legend>
        {bookPeriods.map((p) => (
          <label key={p} className="radio-line">
            <input type="radio" name="book-period" value={p} checked={period === p} onChange={() => setPeriod(p)} data-testid={`book-print-period-${p}`} />
            {t(p === 'day' ? 'areaBook.periodDay' : 'areaBook.periodMonth')}
          </label>
        ))}
      </fieldset>
      <SelectField
        label={w.field('areaId')}
        value={areaId}
        onChange={setAreaId}
        options={[{ value: '', label: t('areaBook.chooseArea') }, ...areas.map((a) => ({ value: String(a.id), label: a.active ? a.name : t('areaBook.retiredArea', { name: a.name }) }))]}
        required
        error={areaMissing ? t('areaBook.areaRequired') : issue('areaId')}
        testId="book-print-area"
      />
      {period === 'day' ? (
        <TextField label={t('areaBook.day')} type="date" value={day} onChange={setDay} required error={issue('day')} testId="book-print-day-input" />
      ) : (
        <MonthField value={month} onChange={setMonth} error={issue('month')} />
      )}
      <CheckboxField label={w.field('outsidersOnly')} checked={outsidersOnly} onChange={setOutsidersOnly} testId="book-print-outsiders" />
      <CheckboxField label={w.field('exceptionsOnly')} checked={exceptionsOnly} onChange={setExceptionsOnly} testId="book-print-exceptions" />
      <OutputNotice result={output.result} testId="book-print-output" />
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => print('printer')} disabled={output.busy} data-testid="book-print-submit">
          {t('areaBook.printToPrinter')}
        </button>
        <button type="button" onClick={() => print('pdf')} disabled={output.busy} data-testid="book-print-pdf">
          {t('areaBook.printToPdf')}
        </button>
        <button type="button" onClick={onClose} data-testid="book-print-close">
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}

/** 月: the browser's month picker (YYYY-MM), as main takes it. */
function MonthField({ value, onChange, error }: { value: string; onChange(value: string): void; error: string | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <FieldShell id={id} label={t('areaBook.month')} error={error} required>
      <input id={id} type="month" value={value} onChange={(e) => onChange(e.target.value)} required aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error)} data-testid="book-print-month-input" />
    </FieldShell>
  );
}
