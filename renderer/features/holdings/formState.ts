import type { Holding, HoldingFields, HoldingMedium } from '../../../db/contract';
import { holdingFieldOrder, holdingListFields } from '../../../db/contract/holdingValues';
import { retentionInputOf, retentionValueOf, type RetentionInput } from '../../components/RetentionField';

/** The form's own state: numbers and dates as typed, the medium possibly not chosen yet. */
export interface FormState {
  ledgerNo: string;
  name: string;
  departmentId: string;
  owner: string;
  handlers: string[];
  purpose: string;
  recordItems: string[];
  recordScope: string;
  collectionMethod: string;
  subjectCount: string;
  subjectCountApproximate: boolean;
  containsSensitive: boolean;
  containsMyNumber: boolean;
  medium: HoldingMedium | '';
  storageLocation: string;
  storageMethod: string;
  authorizedPersons: string[];
  recipients: string[];
  contractors: string[];
  foreignHandling: string;
  useUntil: string;
  retention: RetentionInput;
  disposalMethod: string;
  remarks: string;
}

export type TextFieldName = 'ledgerNo' | 'name' | 'owner' | 'recordScope' | 'collectionMethod' | 'storageLocation' | 'storageMethod' | 'disposalMethod' | 'remarks';
export type ListFieldName = (typeof holdingListFields)[number];

export function emptyForm(departmentId: number): FormState {
  const lists = Object.fromEntries(holdingListFields.map((k) => [k, []])) as unknown as Pick<FormState, ListFieldName>;
  return {
    ...lists,
    ledgerNo: '',
    name: '',
    departmentId: String(departmentId),
    owner: '',
    purpose: '',
    recordScope: '',
    collectionMethod: '',
    subjectCount: '',
    subjectCountApproximate: false,
    containsSensitive: false,
    containsMyNumber: false,
    medium: '',
    storageLocation: '',
    storageMethod: '',
    foreignHandling: '',
    useUntil: '',
    retention: retentionInputOf(null),
    disposalMethod: '',
    remarks: '',
  };
}

export function fromHolding(h: Holding): FormState {
  // Only the form's fields: main refuses any other key (strict schema).
  const f = Object.fromEntries(holdingFieldOrder.map((k) => [k, h[k]])) as HoldingFields;
  return {
    ...f,
    departmentId: String(h.departmentId),
    subjectCount: h.subjectCount === null ? '' : String(h.subjectCount),
    useUntil: h.useUntil ?? '',
    retention: retentionInputOf(h.retention),
  };
}

/**
 * 「3,000」「３０００」 → 3000; a negative number stays a number, whichever minus was typed
 * (main then says it is too small); anything else goes to main as typed, which names the
 * problem beside the field.
 */
export function parseCount(s: string): number | null | string {
  // U+2212 minus, U+30FC the long-vowel mark an IME gives for "-", U+2010 hyphen.
  const v = s.normalize('NFKC').replace(/[,\s]/g, '').replace(/^[\u2212\u30fc\u2010]/, '-');
  if (v === '') return null;
  return /^-?\d+$/.test(v) ? Number(v) : s;
}

export function toFields(f: FormState): HoldingFields {
  return {
    ...f,
    departmentId: Number(f.departmentId),
    // Main validates; a wrong value comes back as a field issue beside the field.
    subjectCount: parseCount(f.subjectCount) as number | null,
    medium: f.medium as HoldingMedium,
    useUntil: f.useUntil || null,
    retention: retentionValueOf(f.retention),
  };
}

/** Every path the form shows beside a field: the fields, and each item of each list. */
export function shownPaths(form: FormState): string[] {
  return [...holdingFieldOrder, ...holdingListFields.flatMap((k) => form[k].map((_, i) => `${k}.${i}`))];
}
