import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, AreaFields } from '../../../db/contract/areas';
import { areaKindDefaults, areaKinds, deviceRules, type AreaKind, type DeviceRule } from '../../../db/contract/areaValues';
import { useApi } from '../../api';
import { useSession } from '../../appContext';
import { useDepartmentOptions } from '../../components/departmentOptions';
import { FormButtons, FormFailure, issuesUnder, SelectField, TextAreaField, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { useAreaWords } from './areaWords';

type Rules = Pick<AreaFields, 'escortRequired' | 'devicesIn' | 'devicesOut'>;
interface AreaFormState extends Rules {
  departmentId: string;
  name: string;
  kind: AreaKind;
  location: string;
  remarks: string;
}

const fieldOrder = ['departmentId', 'name', 'kind', 'location', 'escortRequired', 'devicesIn', 'devicesOut', 'remarks'];

function emptyForm(departmentId: number | null): AreaFormState {
  return { departmentId: departmentId === null ? '' : String(departmentId), name: '', kind: 'handling', location: '', remarks: '', ...areaKindDefaults.handling };
}

function fromArea(a: Area): AreaFormState {
  const { name, kind, location, remarks, escortRequired, devicesIn, devicesOut } = a;
  return { departmentId: String(a.departmentId), name, kind, location, remarks, escortRequired, devicesIn, devicesOut };
}

function toFields(f: AreaFormState): AreaFields {
  const { departmentId, ...rest } = f;
  return { ...rest, departmentId: Number(departmentId) };
}

/**
 * A new kind brings its rules (MIC §35: escort and inspection for 管理区域 and 情報システム室), but a
 * rule the user set away from the old kind's standard is theirs and stays.
 */
export function withKind(form: AreaFormState, kind: AreaKind): AreaFormState {
  const before = areaKindDefaults[form.kind];
  const after = areaKindDefaults[kind];
  const follow = <K extends keyof Rules>(k: K): Rules[K] => (form[k] === before[k] ? after[k] : form[k]);
  return { ...form, kind, escortRequired: follow('escortRequired'), devicesIn: follow('devicesIn'), devicesOut: follow('devicesOut') };
}

interface AreaFormDialogProps {
  /** Absent: a new area. */
  area?: Area | undefined;
  onDone(area: Area | null): void;
}

/** 区域の登録・編集 (MIC §19: the 保護管理者 defines where the work is done); main's issues beside each field. */
export function AreaFormDialog({ area, onDone }: AreaFormDialogProps) {
  const { t } = useTranslation();
  const w = useAreaWords();
  const api = useApi();
  const { session } = useSession();
  const submit = useSubmit();
  const [form, setForm] = useState<AreaFormState>(() => (area ? fromArea(area) : emptyForm(session.departmentId)));
  const departments = useDepartmentOptions(form.departmentId, area?.departmentName ?? session.departmentName);
  const set = (patch: Partial<AreaFormState>) => setForm((f) => ({ ...f, ...patch }));
  const issue = submit.issue;
  const ruleOptions = deviceRules.map((r) => ({ value: r, label: w.deviceRule(r) }));

  const save = () => {
    const fields = toFields(form);
    // An edit's issues name `fields.<field>`: shown beside the same fields as a new area's.
    return submit.run(() => (area ? api('areas.update', { areaId: area.id, version: area.version, fields }) : api('areas.create', fields)), onDone, {
      shown: (f) => issuesUnder(f, 'fields'),
    });
  };

  return (
    <Modal title={area ? t('areaScreens.areas.editTitle', { name: area.name }) : t('areaScreens.areas.createTitle')} onClose={() => onDone(null)} testId="area-form">
      <form onSubmit={submit.onSubmit(save)} noValidate>
        <FormFailure failure={submit.failure} fields={fieldOrder} />
        <SelectField
          label={w.areaField('departmentId')}
          value={form.departmentId}
          onChange={(departmentId) => set({ departmentId })}
          options={departments}
          error={issue('departmentId')}
          required
          disabled={departments.length <= 1}
          testId="area-department"
        />
        <TextField label={w.areaField('name')} value={form.name} onChange={(name) => set({ name })} error={issue('name')} required maxLength={100} testId="area-name" />
        <SelectField
          label={w.areaField('kind')}
          value={form.kind}
          onChange={(kind) => setForm((f) => withKind(f, kind))}
          options={areaKinds.map((k) => ({ value: k, label: w.areaKind(k) }))}
          error={issue('kind')}
          hint={t('areaScreens.areas.kindHint')}
          required
          testId="area-kind"
        />
        <TextField label={w.areaField('location')} value={form.location} onChange={(location) => set({ location })} error={issue('location')} hint={t('areaScreens.areas.locationHint')} maxLength={200} testId="area-location" />
        <SelectField
          label={w.areaField('escortRequired')}
          value={form.escortRequired ? 'required' : 'notRequired'}
          onChange={(v) => set({ escortRequired: v === 'required' })}
          options={[
            { value: 'required', label: w.escort(true) },
            { value: 'notRequired', label: w.escort(false) },
          ]}
          error={issue('escortRequired')}
          testId="area-escort"
        />
        <SelectField<DeviceRule> label={w.areaField('devicesIn')} value={form.devicesIn} onChange={(devicesIn) => set({ devicesIn })} options={ruleOptions} error={issue('devicesIn')} testId="area-devices-in" />
        <SelectField<DeviceRule> label={w.areaField('devicesOut')} value={form.devicesOut} onChange={(devicesOut) => set({ devicesOut })} options={ruleOptions} error={issue('devicesOut')} testId="area-devices-out" />
        <TextAreaField label={w.areaField('remarks')} value={form.remarks} onChange={(remarks) => set({ remarks })} error={issue('remarks')} maxLength={2000} rows={3} testId="area-remarks" />
        <FormButtons busy={submit.busy} submitLabel={area ? t('areaScreens.areas.submitEdit') : t('areaScreens.areas.submitCreate')} onCancel={() => onDone(null)} testId="area-form-submit" />
      </form>
    </Modal>
  );
}
