import { useId, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../db/contract/areaVisits';

/** Width and case folded, spaces dropped: 「高橋保」, 「高橋　保」 and 「ｂ－07」 find what the screen shows. */
const folded = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s\u3000]+/g, '');

/** The open visits whose 氏名, 所属, 入館証番号 or 許可番号 contain the typed text (all of them when it is empty). */
export function filterInside(rows: Visit[], text: string): Visit[] {
  const wanted = folded(text);
  if (wanted === '') return rows;
  return rows.filter((v) => [v.personName, v.affiliation, v.badgeNo, v.permitNo ?? ''].some((field) => folded(field).includes(wanted)));
}

interface InsideFilterProps {
  value: string;
  onChange(value: string): void;
  /** Enter with exactly one person shown: their 退室 opens (the clerk types a name or scans a badge, then Enter). */
  onEnter?: (() => void) | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
}

/**
 * 在室者の絞り込み (issue #12 item 5): with thirty people inside, the clerk at the door finds the one
 * leaving by a part of the name or the badge handed back, without the mouse.
 */
export function InsideFilter({ value, onChange, onEnter, inputRef }: InsideFilterProps) {
  const { t } = useTranslation();
  const id = useId();
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape' && value !== '') {
      e.preventDefault();
      onChange('');
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing && onEnter) {
      e.preventDefault();
      onEnter();
    }
  };
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={id}>{t('areaInside.filter')}</label>
      </div>
      <input
        id={id}
        ref={inputRef}
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        data-testid="inside-filter"
      />
      <p className="field-hint" id={`${id}-hint`}>
        {t('areaInside.filterHint')}
      </p>
    </div>
  );
}
