import type { LabelLookup } from '../../ledger/linkedTargets';

/**
 * What the door needs of the 媒体管理台帳 (issue #12 item 3: devices by 管理番号 when registered; a
 * take-out without an approved 持出し is an exception, MIC §34): a medium by its label, its 種別
 * (`detail`, mediaValues.ts mediaTypes), status and the 持出し that lets it leave (`clearedBy`).
 * The areas area never imports media: db/ipc/handlers.ts hands it db/features/media/doorMedium.ts.
 */
export type DoorMedia = LabelLookup;
