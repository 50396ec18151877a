import { useTranslation } from 'react-i18next';
import type { HomeCardSummary } from '../../db/contract';
import { roleScope } from '../../db/contract/permissions';
import { useFormat, useSession } from '../appContext';
import { FormFailure } from '../components/forms';
import { useLoad } from '../useLoad';

const severityOrder: Record<HomeCardSummary['severity'], number> = { action: 0, warning: 1, info: 2 };

/**
 * The home screen: 今日の確認事項 — what this user should look at today, counted in main for
 * their role and 課等; each card opens the list that shows exactly what it counted. Cards
 * with nothing to do are left out: a clerk reads what is left as a to-do list.
 */
export function Home({ onOpen }: { onOpen(link: HomeCardSummary['link']): void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const loaded = useLoad('home.cards', {});
  // Things to do first, then things to check, then information; registry order within each.
  // An age ('days', the last verified backup) is shown whatever its figure.
  const cards = (loaded.data?.cards ?? []).filter((c) => c.count > 0 || c.unit === 'days').sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
  return (
    <section className="panel" data-testid="home">
      <h1>{t('home.welcome', { name: session.displayName })}</h1>
      <section className="home-today" aria-labelledby="home-today-title" aria-busy={loaded.loading}>
        <h2 id="home-today-title">{t('home.today')}</h2>
        <FormFailure failure={loaded.failure} />
        {!loaded.data && !loaded.failure && <p className="muted">{t('home.loading')}</p>}
        {loaded.data && cards.length === 0 && (
          <p className="alert alert-ok" role="status" data-testid="home-nothing">
            {t('home.nothingToDo')}
          </p>
        )}
        {cards.length > 0 && (
          <ul className="home-cards" data-testid="home-cards">
            {cards.map((card) => (
              <li key={card.id}>
                <HomeCard card={card} onOpen={() => onOpen(card.link)} />
              </li>
            ))}
          </ul>
        )}
      </section>
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

/** One card: the whole card is the link, so a click anywhere opens the list. */
function HomeCard({ card, onOpen }: { card: HomeCardSummary; onOpen(): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const title = t(`${card.textKey}.title`);
  const asked = card.people.reduce((n, p) => n + p.count, 0);
  return (
    <button type="button" className={`home-card home-card-${card.severity}`} onClick={onOpen} data-testid={`home-card-${card.id}`}>
      <span className="home-card-severity">{t(`home.severity_${card.severity}`)}</span>
      <span className="home-card-title">{title}</span>
      <span className="home-card-count" data-testid="home-card-count">
        {figure(t, card)}
      </span>
      <span className="home-card-hint">{t(`${card.textKey}.hint`)}</span>
      {card.people.length > 0 && (
        <span className="home-card-people" data-testid="home-card-people">
          {t('home.requestedOf', { people: card.people.map((p) => t('home.personCount', { name: p.name, count: p.count })).join(t('common.listSeparator')) })}
          {card.count > asked && ` / ${t('home.notRequested', { count: card.count - asked })}`}
        </span>
      )}
      {card.since && card.unit !== 'days' && <span className="home-card-hint">{t('home.since', { date: fmt.date(card.since) })}</span>}
      <span className="home-card-open" aria-hidden="true">
        {t('home.open')} →
      </span>
    </button>
  );
}

/** A card's figure in words; an age reads 今日, N日前, or まだありません when there is none. */
function figure(t: (key: string, params?: Record<string, unknown>) => string, card: HomeCardSummary): string {
  if (card.unit !== 'days') return t(`home.unit_${card.unit}`, { count: card.count });
  if (card.since === null) return t('home.unit_days_never');
  return card.count === 0 ? t('home.unit_days_today') : t('home.unit_days', { count: card.count });
}
