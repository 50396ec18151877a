import { useTranslation } from 'react-i18next';
import type { AuditWord, SayWord } from '../../../db/contract/auditWords';
import { useFormat } from '../../appContext';

/** An action or target type in words when we know it, else the code as recorded. */
export function useAuditLabels() {
  const { t, i18n } = useTranslation();
  const label = (prefix: string, code: string | null) => {
    if (!code) return '';
    const key = `${prefix}.${code.replaceAll('.', '_')}`;
    return i18n.exists(key) ? t(key) : code;
  };
  return {
    action: (code: string) => label('auditActions', code),
    targetType: (code: string | null) => label('targetTypes', code),
  };
}

/**
 * How the screen says a word of 詳細 as main described it: keys through i18next (a key
 * without words falls back to what was recorded), dates in the organisation's zone and
 * calendar. The CSV says the same words from the Japanese locale data (db/core/auditExport.ts).
 */
export function useAuditWords(): SayWord {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  return (word: AuditWord) => {
    if ('text' in word) return word.text;
    if ('date' in word) return fmt.date(word.date);
    if ('instant' in word) return fmt.instant(word.instant);
    return i18n.exists(word.key) ? t(word.key, word.params ?? {}) : (word.fallback ?? word.key);
  };
}
