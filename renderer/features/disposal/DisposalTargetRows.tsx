import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/forms';
import type { DisposalFormState, LinkedTargetRow, PaperTargetRow, TargetRow } from './formState';
import { useTargetWords } from './parts';

interface RowsProps {
  form: DisposalFormState;
  onChange(form: DisposalFormState): void;
  issue(path: string): string | undefined;
}

/** The chosen targets: media and holdings as found (管理番号, 種別 or name, status now), paper as typed (内容・数量・単位). */
export function DisposalTargetRows({ form, onChange, issue }: RowsProps) {
  const { t } = useTranslation();
  const setRow = (n: number, row: TargetRow) => onChange({ ...form, targets: form.targets.map((r, i) => (i === n ? row : r)) });
  const remove = (n: number) => onChange({ ...form, targets: form.targets.filter((_, i) => i !== n) });
  if (form.targets.length === 0) {
    return (
      <p className="muted" data-testid="disposal-form-no-targets">
        {t('disposalScreens.noTargetsYet')}
      </p>
    );
  }
  return (
    <ol className="disposal-target-rows" data-testid="disposal-form-target-rows">
      {form.targets.map((row, n) => (
        <li key={n} className="disposal-target-row" data-testid={`disposal-form-target-${n}`}>
          {row.kind === 'paper' ? <PaperRow row={row} n={n} issue={issue} onChange={(r) => setRow(n, r)} /> : <LinkedRow row={row} error={issue(`targets.${n}.id`) ?? issue(`targets.${n}`)} />}
          <button type="button" className="button-small" onClick={() => remove(n)} aria-label={t('disposalScreens.removeTargetLabel', { number: n + 1 })} data-testid={`disposal-form-remove-${n}`}>
            {t('disposalScreens.removeTarget')}
          </button>
        </li>
      ))}
    </ol>
  );
}

function LinkedRow({ row, error }: { row: LinkedTargetRow; error: string | undefined }) {
  const words = useTargetWords();
  return (
    <div className="disposal-target-linked">
      <span className="flag">{words.kind(row)}</span> <span className="monospace">{row.label}</span> {words.detail(row)} <span className="muted">{words.status(row)}</span>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function PaperRow({ row, n, issue, onChange }: { row: PaperTargetRow; n: number; issue(path: string): string | undefined; onChange(row: PaperTargetRow): void }) {
  const { t } = useTranslation();
  const words = useTargetWords();
  return (
    <div className="disposal-target-paper">
      <span className="flag">{words.kind(row)}</span>
      <TextField label={t('disposalScreens.paperDescription')} value={row.description} onChange={(description) => onChange({ ...row, description })} error={issue(`targets.${n}.description`) ?? issue(`targets.${n}`)} required maxLength={200} testId={`disposal-form-paper-description-${n}`} />
      <TextField label={t('disposalScreens.paperQuantity')} type="number" min={1} value={row.quantity} onChange={(quantity) => onChange({ ...row, quantity })} error={issue(`targets.${n}.quantity`)} required testId={`disposal-form-paper-quantity-${n}`} />
      <TextField label={t('disposalScreens.paperUnit')} value={row.unit} onChange={(unit) => onChange({ ...row, unit })} error={issue(`targets.${n}.unit`)} required maxLength={10} testId={`disposal-form-paper-unit-${n}`} />
    </div>
  );
}
