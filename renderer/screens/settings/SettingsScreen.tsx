import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, Settings } from '../../../db/contract';
import { weakenedSettings } from '../../../db/contract/settingsPolicy';
import { useApi } from '../../api';
import { useCan, useSession } from '../../appContext';
import { FormButtons, FormFailure, SelectField, TextField } from '../../components/forms';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';
import { Tabs } from '../../components/Tabs';
import { BackupTab } from './backup/BackupTab';
import { RegenerateRecoveryKey } from './RegenerateRecoveryKey';

/** 設定: the organisation's settings, and for the chief the バックアップ tab (a home card opens it). */
export function SettingsScreen({ initialTab }: { initialTab?: string | undefined } = {}) {
  const { t } = useTranslation();
  const can = useCan();
  const settings = useLoad('settings.get', {});
  const [tab, setTab] = useState<'general' | 'backup'>(initialTab === 'backup' && can('backup.manage') ? 'backup' : 'general');
  return (
    <section className="panel">
      <h1>{t('nav.settings')}</h1>
      {can('backup.manage') && (
        <Tabs
          label={t('nav.settings')}
          current={tab}
          onChange={setTab}
          tabs={[
            { key: 'general', label: t('settings.tabGeneral') },
            { key: 'backup', label: t('backup.tab') },
          ]}
        />
      )}
      {tab === 'backup' ? (
        <BackupTab />
      ) : (
        <>
          <FormFailure failure={settings.failure} />
          {settings.data && <SettingsForm initial={settings.data} readOnly={!can('settings.manage')} onSaved={settings.reload} />}
          {can('keys.manage') && <RegenerateRecoveryKey />}
        </>
      )}
    </section>
  );
}

type Draft = Record<'organizationName' | 'idleLockMinutes' | 'bulkExportThreshold' | 'minLength' | 'minClasses' | 'timeZone' | 'backupWarnAfterDays' | 'mediaInventoryIntervalDays', string> & { dateDisplay: Settings['dateDisplay'] };

function toDraft(s: Settings): Draft {
  return {
    organizationName: s.organizationName,
    idleLockMinutes: String(s.idleLockMinutes),
    bulkExportThreshold: String(s.bulkExportThreshold),
    dateDisplay: s.dateDisplay,
    timeZone: s.timeZone,
    minLength: String(s.passwordPolicy.minLength),
    minClasses: String(s.passwordPolicy.minClasses),
    backupWarnAfterDays: String(s.backupWarnAfterDays),
    mediaInventoryIntervalDays: String(s.mediaInventoryIntervalDays),
  };
}

/** Only changed settings are sent: the access log then names exactly what changed. */
function changes(draft: Draft, initial: Settings): ChannelInput<'settings.update'> {
  const input: ChannelInput<'settings.update'> = {};
  if (draft.organizationName !== initial.organizationName) input.organizationName = draft.organizationName;
  if (Number(draft.idleLockMinutes) !== initial.idleLockMinutes) input.idleLockMinutes = Number(draft.idleLockMinutes);
  if (Number(draft.bulkExportThreshold) !== initial.bulkExportThreshold) input.bulkExportThreshold = Number(draft.bulkExportThreshold);
  if (draft.dateDisplay !== initial.dateDisplay) input.dateDisplay = draft.dateDisplay;
  if (draft.timeZone !== initial.timeZone) input.timeZone = draft.timeZone;
  if (Number(draft.backupWarnAfterDays) !== initial.backupWarnAfterDays) input.backupWarnAfterDays = Number(draft.backupWarnAfterDays);
  if (Number(draft.mediaInventoryIntervalDays) !== initial.mediaInventoryIntervalDays) input.mediaInventoryIntervalDays = Number(draft.mediaInventoryIntervalDays);
  if (Number(draft.minLength) !== initial.passwordPolicy.minLength || Number(draft.minClasses) !== initial.passwordPolicy.minClasses) {
    input.passwordPolicy = { minLength: Number(draft.minLength), minClasses: Number(draft.minClasses) };
  }
  return input;
}

const fields = ['organizationName', 'idleLockMinutes', 'bulkExportThreshold', 'dateDisplay', 'timeZone', 'backupWarnAfterDays', 'mediaInventoryIntervalDays', 'passwordPolicy.minLength', 'passwordPolicy.minClasses', 'reason'];

function SettingsForm({ initial, readOnly, onSaved }: { initial: Settings; readOnly: boolean; onSaved(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { updateSession } = useSession();
  const submit = useSubmit();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  // A change that loosens a guard needs a reason (and the password, asked on save): main's rule.
  const weakened = weakenedSettings(initial, changes(draft, initial));
  const set = (k: keyof Draft) => (v: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [k]: v }));
  };

  function save() {
    // A blank reason is left out, so main answers with the message that says why one is needed.
    const input = weakened.length > 0 && reason.trim() !== '' ? { ...changes(draft, initial), reason } : changes(draft, initial);
    if (Object.keys(input).length === 0) {
      setSaved(true);
      return;
    }
    void submit.run(
      () => api('settings.update', input),
      (s) => {
        setSaved(true);
        updateSession({ organizationName: s.organizationName, idleLockMinutes: s.idleLockMinutes, dateDisplay: s.dateDisplay, timeZone: s.timeZone });
        setDraft(toDraft(s));
        setReason('');
        onSaved();
      },
    );
  }

  return (
    <form onSubmit={submit.onSubmit(save)} noValidate data-testid="settings-form">
      {readOnly && <p className="notice">{t('settings.readOnly')}</p>}
      <FormFailure failure={submit.failure} fields={fields} />
      {saved && (
        <p className="notice" role="status">
          {t('settings.saved')}
        </p>
      )}
      <SettingsFields draft={draft} set={set} issue={submit.issue} readOnly={readOnly} />
      {!readOnly && weakened.length > 0 && (
        <div data-testid="settings-weakening">
          <p className="notice" role="status">
            {t('settings.weakeningNotice', { what: weakened.map((w) => t(`settingsWeakened.${w}`)).join(t('common.listSeparator')) })}
          </p>
          <TextField label={t('settings.weakeningReason')} value={reason} onChange={setReason} error={submit.issue('reason')} required maxLength={500} testId="settings-reason" />
        </div>
      )}
      {!readOnly && <FormButtons busy={submit.busy} submitLabel={t('common.save')} testId="settings-save" />}
    </form>
  );
}

/** The zones offered; a zone set otherwise (by an older version, say) is offered too, as it is. */
function useTimeZoneOptions(current: string) {
  const { t } = useTranslation();
  const options = [
    { value: 'Asia/Tokyo', label: t('settings.timeZoneTokyo') },
    { value: 'UTC', label: t('settings.timeZoneUtc') },
  ];
  return options.some((o) => o.value === current) ? options : [...options, { value: current, label: current }];
}

interface SettingsFieldsProps {
  draft: Draft;
  set(k: keyof Draft): (v: string) => void;
  issue(path: string): string | undefined;
  readOnly: boolean;
}

function SettingsFields({ draft, set, issue, readOnly }: SettingsFieldsProps) {
  const { t } = useTranslation();
  const timeZones = useTimeZoneOptions(draft.timeZone);
  return (
    <>
      <TextField label={t('fields.organizationName')} value={draft.organizationName} onChange={set('organizationName')} error={issue('organizationName')} disabled={readOnly} required maxLength={100} testId="settings-organization" />
      <div className="filter-row">
        <TextField label={t('settings.idleLockMinutes')} type="number" min={1} max={60} value={draft.idleLockMinutes} onChange={set('idleLockMinutes')} error={issue('idleLockMinutes')} hint={t('settings.idleLockHint')} disabled={readOnly} testId="settings-idle-lock" />
        <TextField
          label={t('settings.bulkExportThreshold')}
          type="number"
          min={1}
          max={100000}
          value={draft.bulkExportThreshold}
          onChange={set('bulkExportThreshold')}
          error={issue('bulkExportThreshold')}
          hint={t('settings.bulkExportHint')}
          disabled={readOnly}
          testId="settings-bulk-threshold"
        />
        <SelectField
          label={t('settings.dateDisplay')}
          value={draft.dateDisplay}
          onChange={set('dateDisplay')}
          options={[
            { value: 'gregorian', label: t('settings.gregorian') },
            { value: 'wareki', label: t('settings.wareki') },
          ]}
          error={issue('dateDisplay')}
          disabled={readOnly}
          testId="settings-date-display"
        />
        <SelectField label={t('settings.timeZone')} value={draft.timeZone} onChange={set('timeZone')} options={timeZones} error={issue('timeZone')} hint={t('settings.timeZoneHint')} disabled={readOnly} testId="settings-time-zone" />
        <TextField label={t('settings.backupWarnAfterDays')} type="number" min={1} max={365} value={draft.backupWarnAfterDays} onChange={set('backupWarnAfterDays')} error={issue('backupWarnAfterDays')} hint={t('settings.backupWarnHint')} disabled={readOnly} testId="settings-backup-warn-days" />
        <TextField label={t('settings.mediaInventoryIntervalDays')} type="number" min={7} max={365} value={draft.mediaInventoryIntervalDays} onChange={set('mediaInventoryIntervalDays')} error={issue('mediaInventoryIntervalDays')} hint={t('settings.mediaInventoryIntervalHint')} disabled={readOnly} testId="settings-media-inventory-days" />
      </div>
      <fieldset>
        <legend>{t('settings.passwordPolicy')}</legend>
        <div className="filter-row">
          <TextField label={t('fields.minLength')} type="number" min={8} max={64} value={draft.minLength} onChange={set('minLength')} error={issue('passwordPolicy.minLength')} hint={t('setup.minLengthHint')} disabled={readOnly} />
          <TextField label={t('fields.minClasses')} type="number" min={1} max={4} value={draft.minClasses} onChange={set('minClasses')} error={issue('passwordPolicy.minClasses')} hint={t('setup.minClassesHint')} disabled={readOnly} />
        </div>
      </fieldset>
    </>
  );
}
