import type { ChannelInput } from '../../../db/contract';

// Its own module, free of vitest, so the child-process scripts (crashChild.ts, memoryChild.ts) bundle it too.

/** A holding as a clerk would enter it; `overrides` changes single fields. */
export function holdingInput(departmentId: number, overrides: Partial<ChannelInput<'holdings.create'>> = {}): ChannelInput<'holdings.create'> {
  return {
    ledgerNo: 'R8-0001',
    name: '住民基本台帳ファイル',
    departmentId,
    owner: '市民課長',
    handlers: ['田中 花子'],
    purpose: '住民基本台帳法に基づく住民の居住関係の公証',
    recordItems: ['氏名', '住所', '生年月日'],
    recordScope: '市内に住所を有する者',
    collectionMethod: '届出',
    subjectCount: 800,
    subjectCountApproximate: true,
    containsSensitive: false,
    containsMyNumber: false,
    medium: 'electronic',
    storageLocation: 'サーバ室',
    storageMethod: '暗号化',
    authorizedPersons: ['市民課職員'],
    recipients: [],
    contractors: [],
    foreignHandling: '',
    useUntil: null,
    retention: '2031-03-31',
    disposalMethod: '消去ソフトによる上書き消去',
    remarks: '',
    ...overrides,
  };
}
