import { areaChannels } from './areas';
import { areaOutputChannels } from './areaOutput';
import { areaVisitChannels } from './areaVisits';

/** Every channel of 取扱区域・入退室 (issue #12): areas, people and authorizations; visits; books. */
export const areaLedgerChannels = { ...areaChannels, ...areaVisitChannels, ...areaOutputChannels } as const;
