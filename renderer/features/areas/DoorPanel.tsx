import { useContext, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../../db/contract/areas';
import type { Visit } from '../../../db/contract/areaVisits';
import { DateSettingsContext, useCan } from '../../appContext';
import { FormFailure } from '../../components/forms';
import { useLoad } from '../../useLoad';
import { CheckInForm } from './CheckInForm';
import { clockTime, rememberAreaId, rememberedAreaId } from './doorForm';

/**
 * 入室・退室 (issue #12 item 3): the clerk at the door of a server room with a keyboard and a USB
 * barcode reader. The area is chosen once and remembered for this terminal (its id only); its rules
 * are said in one line; the form below takes a visit in a few seconds from the keyboard alone.
 */
export function DoorPanel({ tabs }: { tabs: ReactNode }) {
  const { t } = useTranslation();
  const { timeZone } = useContext(DateSettingsContext);
  const can = useCan();
  const areas = useLoad('areas.list', {});
  const active = (areas.data ?? []).filter((a) => a.active);
  const [chosen, setChosen] = useState<number | null>(rememberedAreaId);
  const [notice, setNotice] = useState<string | null>(null);
  const area = active.find((a) => a.id === chosen) ?? active[0];
  const choose = (id: number) => {
    setChosen(id);
    rememberAreaId(id);
    setNotice(null);
  };
  const recorded = (visit: Visit, exception: boolean) =>
    setNotice(t(exception ? 'areaDoor.recordedException' : 'areaDoor.recorded', { name: visit.personName, area: visit.areaName, time: clockTime(visit.enteredAt, timeZone) }));
  return (
    <section className="panel" data-testid="areas-DoorPanel">
      <h1>{t('nav.areas')}</h1>
      {tabs}
      <FormFailure failure={areas.failure} />
      {/* An auditor reads the book; recording at the door is areas.log's (main checks again). */}
      {!can('areas.log') && <p className="notice">{t('areaDoor.cannotLog')}</p>}
      {can('areas.log') && areas.data && !area && <p className="notice">{t('areaDoor.noAreas')}</p>}
      {can('areas.log') && area && (
        <>
          <AreaChoice areas={active} area={area} onChoose={choose} />
          {notice && (
            <p className="notice" role="status" data-testid="door-notice">
              {notice}
            </p>
          )}
          <CheckInForm key={area.id} area={area} onRecorded={recorded} />
        </>
      )}
    </section>
  );
}

/** 区域 and its rules in one line: 立会い 必要・持込み 検査のうえ可・持出し 検査のうえ可 (MIC §35). */
function AreaChoice({ areas, area, onChoose }: { areas: Area[]; area: Area; onChoose(id: number): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="door-area">
      <div className="field">
        <div className="field-label">
          <label htmlFor={id}>{t('areaDoor.area')}</label>
        </div>
        <select id={id} value={area.id} onChange={(e) => onChoose(Number(e.target.value))} aria-describedby={`${id}-rules`} data-testid="door-area">
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <p className="door-area-rules" id={`${id}-rules`} data-testid="door-area-rules">
        {t('areaDoor.rules', {
          escort: t(`areaEscortRule.${area.escortRequired ? 'required' : 'notRequired'}`),
          devicesIn: t(`areaDeviceRule.${area.devicesIn}`),
          devicesOut: t(`areaDeviceRule.${area.devicesOut}`),
        })}
      </p>
    </div>
  );
}
