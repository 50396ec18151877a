import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitFilters } from '../../../db/contract/areaVisits';
import { Tabs } from '../../components/Tabs';
import { AreasPanel } from './AreasPanel';
import { AuthorizationsPanel } from './AuthorizationsPanel';
import { BookPanel } from './BookPanel';
import type { BookQuery } from './bookQuery';
import { DoorPanel } from './DoorPanel';
import { InsidePanel } from './InsidePanel';

export type AreaTab = 'door' | 'inside' | 'book' | 'authorizations' | 'areas';

/**
 * 取扱区域の入退室 (issue #12; MIC §19, §35; domain.md §4): the door (入室・退室), who is inside now,
 * the 入退室管理簿, the authorizations and the areas. A home card opens a tab with its filters.
 */
export function AreasScreen({ initialTab, initialFilters }: { initialTab?: string | undefined; initialFilters?: Record<string, unknown> | undefined } = {}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<AreaTab>(isTab(initialTab) ? initialTab : 'door');
  // The book's filters and page outlive a visit to another tab (undefined: the book's own first state).
  const [bookQuery, setBookQuery] = useState<BookQuery | undefined>(undefined);
  const tabs = (
    <Tabs
      label={t('nav.areas')}
      current={tab}
      onChange={setTab}
      tabs={[
        { key: 'door', label: t('areaScreens.tabDoor') },
        { key: 'inside', label: t('areaScreens.tabInside') },
        { key: 'book', label: t('areaScreens.tabBook') },
        { key: 'authorizations', label: t('areaScreens.tabAuthorizations') },
        { key: 'areas', label: t('areaScreens.tabAreas') },
      ]}
    />
  );
  const panels: Record<AreaTab, () => ReactNode> = {
    door: () => <DoorPanel tabs={tabs} />,
    inside: () => <InsidePanel tabs={tabs} />,
    book: () => <BookPanel tabs={tabs} initialFilters={tab === initialTab ? (initialFilters as VisitFilters | undefined) : undefined} query={bookQuery} onQuery={setBookQuery} />,
    authorizations: () => <AuthorizationsPanel tabs={tabs} initialFilters={tab === initialTab ? initialFilters : undefined} />,
    areas: () => <AreasPanel tabs={tabs} />,
  };
  return <>{panels[tab]()}</>;
}

function isTab(tab: string | undefined): tab is AreaTab {
  return tab === 'door' || tab === 'inside' || tab === 'book' || tab === 'authorizations' || tab === 'areas';
}
