import { useTranslation } from 'react-i18next';
import { roleScope } from '../../db/contract/permissions';
import { useSession } from '../appContext';

export function Home() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <section className="panel" data-testid="home">
      <h1>{t('home.welcome', { name: session.displayName })}</h1>
      <dl className="facts">
        <dt>{t('fields.organizationName')}</dt>
        <dd>{session.organizationName}</dd>
        <dt>{t('fields.department')}</dt>
        <dd>{session.departmentName}</dd>
        <dt>{t('fields.role')}</dt>
        <dd>{t(`roles.${session.role}`)}</dd>
        <dt>{t('home.scope')}</dt>
        <dd>{t(`home.scope_${roleScope(session.role)}`)}</dd>
      </dl>
      <p>{t('home.intro')}</p>
      <p className="muted">{t('home.lockHint', { minutes: session.idleLockMinutes })}</p>
    </section>
  );
}
