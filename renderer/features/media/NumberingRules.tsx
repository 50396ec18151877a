import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NumberingRule } from '../../../db/contract';
import { mediaTypes, type MediaType } from '../../../db/contract/mediaValues';
import { useApi } from '../../api';
import { useCan, useSession } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { useDepartmentOptions } from '../../components/departmentOptions';
import { FormFailure, SelectField, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';

/**
 * 管理番号の採番ルール (issue #10 item 2; seed 004 case 6-2): per 課等 and 種別 a prefix and a number
 * of digits; a medium registered with an empty 管理番号 gets prefix + the next serial. Everyone
 * who reads the register sees their 課等's rules; a manager sets their 課等's, the chief every
 * 課等's (media.approve; main decides and logs each change).
 */
export function NumberingRulesDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const rules = useLoad('media.numbering.list', {});
  const [notice, setNotice] = useState<string | null>(null);
  const columns: Column<NumberingRule>[] = [
    { id: 'department', header: t('mediaLabels.rules.department'), className: 'cell-text', headerClassName: '', cell: (r) => r.departmentName },
    { id: 'type', header: t('mediaLabels.rules.type'), className: 'cell-text', headerClassName: '', cell: (r) => t(`mediaTypes.${r.type}`) },
    { id: 'prefix', header: t('mediaLabels.rules.prefix'), className: 'monospace', headerClassName: '', cell: (r) => r.prefix },
    { id: 'digits', header: t('mediaLabels.rules.digits'), cell: (r) => r.digits },
    { id: 'upcoming', header: t('mediaLabels.rules.upcoming'), className: 'monospace', headerClassName: '', cell: (r) => r.upcoming },
  ];
  return (
    <Modal title={t('mediaLabels.rules.title')} onClose={onClose} testId="numbering-rules" wide>
      <p className="field-hint">{t('mediaLabels.rules.explain')}</p>
      {notice && (
        <p className="notice" role="status" data-testid="numbering-rules-notice">
          {notice}
        </p>
      )}
      <FormFailure failure={rules.failure} />
      <DataTable columns={columns} rows={rules.data ?? []} rowKey={(r) => r.id} busy={rules.loading} emptyText={t('mediaLabels.rules.none')} testId="numbering-rules-table" />
      {can('media.approve') ? (
        <RuleForm
          onSaved={(rule) => {
            setNotice(t('mediaLabels.rules.saved', { upcoming: rule.upcoming }));
            rules.reload();
          }}
        />
      ) : (
        <p className="field-hint">{t('mediaLabels.rules.readOnly')}</p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose} data-testid="numbering-rules-close">
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}

/** Sets (adds or changes) the rule of one 課等 and 種別. */
function RuleForm({ onSaved }: { onSaved(rule: NumberingRule): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const submit = useSubmit();
  const [departmentId, setDepartmentId] = useState(String(session.departmentId));
  const [type, setType] = useState<MediaType>('usb');
  const [prefix, setPrefix] = useState('');
  const [digits, setDigits] = useState('3');
  const departmentOptions = useDepartmentOptions(departmentId, session.departmentName);
  const save = () => submit.run(() => api('media.numbering.set', { departmentId: Number(departmentId), type, prefix, digits: Number(digits) }), onSaved);
  return (
    <form onSubmit={submit.onSubmit(save)} noValidate data-testid="numbering-rule-form">
      <fieldset>
        <legend>{t('mediaLabels.rules.editTitle')}</legend>
        <FormFailure failure={submit.failure} fields={['departmentId', 'type', 'prefix', 'digits']} />
        <div className="form-grid">
          <SelectField label={t('mediaLabels.rules.department')} value={departmentId} onChange={setDepartmentId} options={departmentOptions} error={submit.issue('departmentId')} required disabled={departmentOptions.length <= 1} testId="numbering-rule-department" />
          <SelectField label={t('mediaLabels.rules.type')} value={type} onChange={setType} options={mediaTypes.map((m) => ({ value: m, label: t(`mediaTypes.${m}`) }))} error={submit.issue('type')} required testId="numbering-rule-type" />
          <TextField label={t('mediaLabels.rules.prefix')} value={prefix} onChange={setPrefix} error={submit.issue('prefix')} hint={t('mediaLabels.rules.prefixHint')} maxLength={16} required inputClassName="monospace" testId="numbering-rule-prefix" />
          <TextField label={t('mediaLabels.rules.digits')} type="number" value={digits} onChange={setDigits} error={submit.issue('digits')} min={1} max={8} required testId="numbering-rule-digits" />
        </div>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={submit.busy} data-testid="numbering-rule-save">
            {t('mediaLabels.rules.save')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
