import type { Medium, MediumFields } from '../../../db/contract';
import type { MediaEncryption, MediaType } from '../../../db/contract/mediaValues';

/** The form's own state: ids and dates as chosen or typed, the type possibly not chosen yet. */
export interface MediumFormState {
  mediaNo: string;
  type: MediaType | '';
  makeModel: string;
  serialNo: string;
  capacity: string;
  encrypted: MediaEncryption;
  departmentId: string;
  custodian: string;
  storageLocationId: string;
  isBackupMedium: boolean;
  registeredAt: string;
  remarks: string;
}

export type MediumTextField = 'mediaNo' | 'makeModel' | 'serialNo' | 'capacity' | 'custodian' | 'registeredAt' | 'remarks';

export function emptyMediumForm(departmentId: number): MediumFormState {
  return {
    mediaNo: '',
    type: '',
    makeModel: '',
    serialNo: '',
    capacity: '',
    // MIC §12: the register asks; 'none' is a choice the clerk makes, not a default left unseen.
    encrypted: 'none',
    departmentId: String(departmentId),
    custodian: '',
    storageLocationId: '',
    isBackupMedium: false,
    registeredAt: '',
    remarks: '',
  };
}

export function fromMedium(m: Medium): MediumFormState {
  return {
    mediaNo: m.mediaNo,
    type: m.type,
    makeModel: m.makeModel,
    serialNo: m.serialNo,
    capacity: m.capacity,
    encrypted: m.encrypted,
    departmentId: String(m.departmentId),
    custodian: m.custodian,
    storageLocationId: m.storageLocationId === null ? '' : String(m.storageLocationId),
    isBackupMedium: m.isBackupMedium,
    registeredAt: m.registeredAt ?? '',
    remarks: m.remarks,
  };
}

/** What main takes; a type not chosen goes as '' so main names it beside the field. */
export function toMediumFields(f: MediumFormState): MediumFields {
  return {
    ...f,
    type: f.type as MediaType,
    departmentId: Number(f.departmentId),
    storageLocationId: f.storageLocationId === '' ? null : Number(f.storageLocationId),
    registeredAt: f.registeredAt || null,
  };
}
