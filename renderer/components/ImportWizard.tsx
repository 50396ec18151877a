import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../db/contract';
import { FormFailure } from './forms';
import { ImportCheckResult, ImportFileFacts, ImportMapping, type ImportChecked, type ImportOpened } from './ImportParts';
import { Modal } from './Modal';
import { Steps } from './Steps';
import { useSubmit } from './useSubmit';

export type { ImportChecked, ImportOpened } from './ImportParts';

export interface ImportWizardProps<F extends string> {
  /** What the import does and what becomes of the rows (the ledger's own words). */
  intro: string;
  /** The fields a column can be imported as, in the order offered. */
  fields: readonly F[];
  fieldLabel(field: F): string;
  /** Step 1: main shows the OS dialog, reads the file, reports its columns and a guessed mapping. */
  open(): Promise<Result<ImportOpened<F>>>;
  /** Step 2: every row checked against the mapping; nothing written. */
  check(importId: string, mapping: Record<string, F>): Promise<Result<ImportChecked>>;
  /** Step 3: all rows in one transaction, or none. */
  commit(importId: string, mapping: Record<string, F>): Promise<Result<{ created: number }>>;
  /** null: closed without importing. */
  onClose(created: number | null): void;
  testId: string;
}

function sameHeaderSet(a: readonly string[], b: readonly string[]): boolean {
  const setA = new Set(a);
  const setB = new Set(b);
  return setA.size === setB.size && [...setA].every((h) => setB.has(h));
}

/**
 * What the offered mapping is based on: the one chosen before for these headers, and columns
 * left out because they only count rows; a field chosen twice is pointed out at once (main
 * refuses it at the check, naming the columns).
 */
function ImportMappingNotes({ opened, mapping }: { opened: ImportOpened<string>; mapping: Record<string, string> }) {
  const { t } = useTranslation();
  const counters = opened.rowCounters.filter((h) => !mapping[h]);
  const chosen = Object.values(mapping).filter((f) => f !== '');
  return (
    <>
      {opened.mappingRemembered && (
        <p className="muted" data-testid="import-mapping-remembered">
          {t('importWizard.mappingRemembered')}
        </p>
      )}
      {counters.length > 0 && (
        <p className="muted" data-testid="import-row-counters">
          {t('importWizard.rowCounters', { columns: counters.join(t('common.quotedSeparator')) })}
        </p>
      )}
      {new Set(chosen).size < chosen.length && (
        <p className="alert alert-error" role="alert" data-testid="import-mapped-twice">
          {t('importWizard.mappedTwice')}
        </p>
      )}
    </>
  );
}

/**
 * CSV取込み: 1 pick a file, 2 map its columns and check every row (nothing written), 3 import
 * all rows in one transaction — only after a check without errors for the mapping as it stands.
 */
export function ImportWizard<F extends string>({ intro, fields, fieldLabel, open, check, commit, onClose, testId }: ImportWizardProps<F>) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const [opened, setOpened] = useState<ImportOpened<F> | null>(null);
  const [mapping, setMapping] = useState<Record<string, F | ''>>({});
  const [checked, setChecked] = useState<ImportChecked | null>(null);
  const step = !opened ? 1 : checked && checked.errors.length === 0 ? 3 : 2;
  const chosen = () => Object.fromEntries(Object.entries(mapping).filter(([, f]) => f !== '')) as Record<string, F>;

  const chooseFile = () =>
    submit.run(
      open,
      (file) => {
        // The same headers again (the file fixed in Excel and picked anew): keep the mapping as
        // the user left it, checked or not; main offers the one it remembers otherwise.
        const sameHeaders = opened !== null && sameHeaderSet(opened.headers, file.headers);
        setOpened(file);
        setMapping(sameHeaders ? mapping : Object.fromEntries(file.headers.map((h) => [h, file.suggestedMapping[h] ?? ''])));
        setChecked(null);
      },
      // The user closed the file dialog: stay where we are, quietly.
      { shown: (f) => (f.code === 'CANCELLED' ? null : f) },
    );
  const runCheck = () => opened && submit.run(() => check(opened.importId, chosen()), setChecked);
  const runCommit = () => opened && submit.run(() => commit(opened.importId, chosen()), (r) => onClose(r.created));

  return (
    <Modal title={t('importWizard.title')} onClose={() => onClose(null)} testId={testId} wide>
      <Steps labels={[t('importWizard.step1'), t('importWizard.step2'), t('importWizard.step3')]} current={step} label={t('importWizard.title')} />
      <FormFailure failure={submit.failure} />
      {!opened && <p>{intro}</p>}
      <div className="actions">
        <button type="button" className={opened ? undefined : 'button-primary'} onClick={() => void chooseFile()} disabled={submit.busy} data-testid="import-choose">
          {opened ? t('importWizard.chooseOther') : t('importWizard.choose')}
        </button>
      </div>
      {opened && (
        <>
          <ImportFileFacts opened={opened} />
          <ImportMappingNotes opened={opened} mapping={mapping} />
          <ImportMapping
            headers={opened.headers}
            mapping={mapping}
            fields={fields}
            fieldLabel={fieldLabel}
            onChange={(header, field) => {
              setMapping((m) => ({ ...m, [header]: field }));
              setChecked(null);
            }}
          />
          <div className="actions">
            <button type="button" onClick={() => void runCheck()} disabled={submit.busy} data-testid="import-check">
              {submit.busy && !checked ? t('importWizard.checking') : t('importWizard.check')}
            </button>
          </div>
          {checked && <ImportCheckResult checked={checked} fieldLabel={(f) => fieldLabel(f as F)} />}
          <div className="actions">
            <button type="button" className="button-primary" onClick={() => void runCommit()} disabled={submit.busy || !checked || checked.errors.length > 0} data-testid="import-commit">
              {t('importWizard.commit')}
            </button>
            <button type="button" onClick={() => onClose(null)}>
              {t('common.cancel')}
            </button>
            {!checked && <span className="muted">{t('importWizard.checkFirst')}</span>}
          </div>
        </>
      )}
    </Modal>
  );
}
