import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, Failure, ImportableField, ImportRowError } from '../../../db/contract';
import { useApi } from '../../api';
import { useFormat } from '../../appContext';
import { FormFailure, issueMessage } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { importableFields } from './model';

type Opened = ChannelOutput<'holdings.import.open'>;
type Checked = ChannelOutput<'holdings.import.check'>;

/**
 * CSV取込: 1 pick a file (main shows the OS dialog and reads it), 2 map its columns and check
 * every row (nothing written), 3 import all rows as drafts in one transaction — only after a
 * check without errors for the mapping as it stands.
 */
export function ImportWizard({ onClose }: { onClose(created: number | null): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [mapping, setMapping] = useState<Record<string, ImportableField | ''>>({});
  const [checked, setChecked] = useState<Checked | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const step = !opened ? 1 : checked && checked.errors.length === 0 ? 3 : 2;

  const chosen = (): Record<string, ImportableField> => Object.fromEntries(Object.entries(mapping).filter(([, f]) => f !== '')) as Record<string, ImportableField>;

  async function open() {
    setBusy(true);
    setFailure(null);
    const r = await api('holdings.import.open', {});
    setBusy(false);
    if (!r.ok) {
      // The user closed the file dialog: stay where we are, quietly.
      if (r.code !== 'CANCELLED') setFailure(r);
      return;
    }
    setOpened(r.data);
    setMapping(Object.fromEntries(r.data.headers.map((h) => [h, r.data.suggestedMapping[h] ?? ''])));
    setChecked(null);
  }

  async function check() {
    if (!opened) return;
    setBusy(true);
    setFailure(null);
    const r = await api('holdings.import.check', { importId: opened.importId, mapping: chosen() });
    setBusy(false);
    if (r.ok) setChecked(r.data);
    else setFailure(r);
  }

  async function commit() {
    if (!opened) return;
    setBusy(true);
    setFailure(null);
    const r = await api('holdings.import.commit', { importId: opened.importId, mapping: chosen() });
    setBusy(false);
    if (r.ok) onClose(r.data.created);
    else setFailure(r);
  }

  const steps = [t('holdingImport.step1'), t('holdingImport.step2'), t('holdingImport.step3')];
  return (
    <Modal title={t('holdingImport.title')} onClose={() => onClose(null)} testId="holding-import-dialog" wide>
      <ol className="steps" aria-label={t('holdingImport.title')}>
        {steps.map((label, i) => (
          <li key={label} className={i + 1 === step ? 'step-current' : i + 1 < step ? 'step-done' : ''} aria-current={i + 1 === step ? 'step' : undefined}>
            <span className="step-number">{i + 1}</span>
            <span>{label}</span>
          </li>
        ))}
      </ol>
      <FormFailure failure={failure} />
      {!opened && <p>{t('holdingImport.intro')}</p>}
      <div className="actions">
        <button type="button" className={opened ? undefined : 'button-primary'} onClick={() => void open()} disabled={busy} data-testid="import-choose">
          {opened ? t('holdingImport.chooseOther') : t('holdingImport.choose')}
        </button>
      </div>
      {opened && (
        <>
          <dl className="facts" data-testid="import-file">
            <dt>{t('holdingImport.fileName')}</dt>
            <dd className="monospace">{opened.fileName}</dd>
            <dt>{t('holdingImport.encoding')}</dt>
            <dd>{opened.encoding === 'utf-8' ? t('holdingImport.encoding_utf8') : t('holdingImport.encoding_sjis')}</dd>
            <dt>{t('holdingImport.rowCount')}</dt>
            <dd data-testid="import-row-count">{t('holdingImport.rows', { count: opened.rowCount })}</dd>
          </dl>
          <h3>{t('holdingImport.sample')}</h3>
          <div className="table-wrap import-sample">
            <table className="data-table" data-testid="import-sample">
              <thead>
                <tr>
                  {opened.headers.map((h, i) => (
                    <th key={i}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {opened.sample.map((row, r) => (
                  <tr key={r}>
                    {opened.headers.map((_, c) => (
                      <td key={c} className="sample-cell">
                        {row[c] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h3>{t('holdingImport.step2')}</h3>
          <p className="muted">{t('holdingImport.mappingIntro')}</p>
          <table className="data-table narrow mapping-table" data-testid="import-mapping">
            <thead>
              <tr>
                <th>{t('holdingImport.csvColumn')}</th>
                <th>{t('holdingImport.target')}</th>
              </tr>
            </thead>
            <tbody>
              {opened.headers.map((h, i) => (
                <tr key={i}>
                  <td>
                    <label htmlFor={`import-map-${i}`}>{h}</label>
                  </td>
                  <td>
                    <select
                      id={`import-map-${i}`}
                      value={mapping[h] ?? ''}
                      onChange={(e) => {
                        setMapping((m) => ({ ...m, [h]: e.target.value as ImportableField | '' }));
                        setChecked(null);
                      }}
                      data-testid={`import-map-${i}`}
                    >
                      <option value="">{t('holdingImport.skip')}</option>
                      {importableFields.map((f) => (
                        <option key={f} value={f}>
                          {t(`holdingFields.${f}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" onClick={() => void check()} disabled={busy} data-testid="import-check">
              {busy && !checked ? t('holdingImport.checking') : t('holdingImport.check')}
            </button>
          </div>
          {checked && <CheckResult checked={checked} />}
          <div className="actions">
            <button type="button" className="button-primary" onClick={() => void commit()} disabled={busy || !checked || checked.errors.length > 0} data-testid="import-commit">
              {t('holdingImport.commit')}
            </button>
            <button type="button" onClick={() => onClose(null)}>
              {t('common.cancel')}
            </button>
            {!checked && <span className="muted">{t('holdingImport.checkFirst')}</span>}
          </div>
        </>
      )}
    </Modal>
  );
}

function CheckResult({ checked }: { checked: Checked }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  if (checked.errors.length === 0) {
    return (
      <div className="alert alert-ok" role="status" data-testid="import-check-ok">
        {t('holdingImport.noErrors', { count: checked.rowCount })}
      </div>
    );
  }
  const message = (e: ImportRowError) => issueMessage(t, i18n, { path: [e.field], messageKey: e.messageKey, ...(e.params ? { params: e.params } : {}) }, fmt);
  return (
    <div data-testid="import-errors">
      <div className="alert alert-error" role="alert">
        <p>{t('holdingImport.errorCount', { count: checked.errors.length })}</p>
        {checked.errorsTruncated && <p>{t('holdingImport.truncated')}</p>}
      </div>
      <div className="table-wrap import-errors">
        <table className="data-table">
          <thead>
            <tr>
              <th className="col-number">{t('holdingImport.row')}</th>
              <th>{t('holdingImport.column')}</th>
              <th>{t('holdingImport.message')}</th>
            </tr>
          </thead>
          <tbody>
            {checked.errors.map((e, i) => (
              <tr key={i}>
                <td className="col-number">{e.row === 0 ? t('holdingImport.headerRow') : e.row}</td>
                <td>{e.column}</td>
                <td className="wrap">{message(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
