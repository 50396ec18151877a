import { useTranslation } from 'react-i18next';

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
