/**
 * The label sheets and numbering values without zod, so the renderer can import them (the
 * dialog draws the sheet's grid from these; db/contract/mediaLabels.ts builds its schemas).
 */
/** A4 sheets of 12 and 24 labels (dimensions in db/features/media/print/labelSheet.ts). */
export const labelLayouts = ['12', '24'] as const;
export type LabelLayout = (typeof labelLayouts)[number];

/** How many labels a sheet holds, and its grid (columns × rows), as printed. */
export const labelSlots = { '12': 12, '24': 24, spine: 6 } as const;
export const labelGrid = { '12': { columns: 2, rows: 6 }, '24': { columns: 3, rows: 8 }, spine: { columns: 6, rows: 1 } } as const;
export type LabelSheetKind = keyof typeof labelGrid;

/** Media per print: ten 24面 sheets (the contract refuses more; the dialog says so first). */
export const maxLabelMedia = 240;

/** A prefix a USB barcode reader can type back: ASCII letters, digits and hyphens. */
export const numberingPrefixPattern = /^[A-Za-z0-9-]+$/;

/** Whether a 管理番号 can be printed as Code128 (ASCII printable only); a QR code is printed for every number. */
export function isBarcodeText(mediaNo: string): boolean {
  return /^[\x20-\x7e]+$/.test(mediaNo);
}
