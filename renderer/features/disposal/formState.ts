import type { Disposal, DisposalFields, DisposalTarget, DisposalTargetView } from '../../../db/contract/disposal';
import { methodClasses, nistClasses, type DisposalMethod, type DisposalPlace, type DisposalResult, type NistClass, type VerificationOutcome } from '../../../db/contract/disposalValues';

/** A medium or holding chosen as a target, with what the form shows of it (管理番号, name or 種別, status now). */
export interface LinkedTargetRow {
  kind: 'medium' | 'holding';
  id: number;
  label: string;
  detail: string;
  status: string | null;
}

/** Paper documents as typed: the quantity stays text until it is sent. */
export interface PaperTargetRow {
  kind: 'paper';
  description: string;
  quantity: string;
  unit: string;
}

export type TargetRow = LinkedTargetRow | PaperTargetRow;

/** The form's own state: ids and dates as chosen or typed, choices possibly not made yet. */
export interface DisposalFormState {
  departmentId: string;
  targets: TargetRow[];
  nistClass: NistClass | '';
  method: DisposalMethod | '';
  methodDetail: string;
  tool: string;
  toolVersion: string;
  verificationMethod: string;
  verificationOutcome: VerificationOutcome | '';
  performedOn: string;
  placeKind: DisposalPlace;
  placeDetail: string;
  operatorId: string;
  witnessIds: string[];
  contractorName: string;
  contractorCertificateNo: string;
  contractorStaff: string;
  result: DisposalResult | '';
  resultNote: string;
  remarks: string;
}

export type DisposalTextField = 'methodDetail' | 'tool' | 'toolVersion' | 'verificationMethod' | 'placeDetail' | 'contractorName' | 'contractorCertificateNo' | 'contractorStaff';

export function emptyDisposalForm(departmentId: number, operatorId: number, today: string): DisposalFormState {
  return {
    departmentId: String(departmentId),
    targets: [],
    nistClass: '',
    method: '',
    methodDetail: '',
    tool: '',
    toolVersion: '',
    verificationMethod: '',
    verificationOutcome: '',
    performedOn: today,
    placeKind: 'onSite',
    placeDetail: '',
    // The one who records is most often the one who did it; another is one choice away.
    operatorId: String(operatorId),
    witnessIds: [],
    contractorName: '',
    contractorCertificateNo: '',
    contractorStaff: '',
    result: 'completed',
    resultNote: '',
    remarks: '',
  };
}

/** A target as the record shows it, back as a row of the form (another 課等's stays, unnamed, so a save keeps it). */
export function targetRowOf(v: DisposalTargetView): TargetRow {
  if (v.kind === 'paper') return { kind: 'paper', description: v.label, quantity: v.quantity === null ? '' : String(v.quantity), unit: v.unit };
  return { kind: v.kind, id: v.id ?? 0, label: v.label, detail: v.detail, status: v.status };
}

export function fromDisposal(d: Disposal): DisposalFormState {
  return {
    departmentId: String(d.departmentId),
    targets: d.targets.map(targetRowOf),
    nistClass: d.nistClass,
    method: d.method,
    methodDetail: d.methodDetail,
    tool: d.tool,
    toolVersion: d.toolVersion,
    verificationMethod: d.verificationMethod,
    verificationOutcome: d.verificationOutcome,
    performedOn: d.performedOn,
    placeKind: d.placeKind,
    placeDetail: d.placeDetail,
    operatorId: String(d.operatorId),
    witnessIds: d.witnesses.map((w) => String(w.userId)),
    contractorName: d.contractorName,
    contractorCertificateNo: d.contractorCertificateNo,
    contractorStaff: d.contractorStaff,
    result: d.result,
    resultNote: d.resultNote,
    remarks: d.remarks,
  };
}

function targetOf(row: TargetRow): DisposalTarget {
  if (row.kind !== 'paper') return { kind: row.kind, id: row.id };
  return { kind: 'paper', description: row.description, quantity: Number(row.quantity.trim()), unit: row.unit };
}

/**
 * What main takes; a choice not made goes as '' so main names it beside its field. The
 * contractor's fields are hidden for 庁舎内 work (the form keeps what was typed, for a switch
 * back) and go empty: an on-site record never holds a contractor no screen shows.
 */
export function toDisposalFields(f: DisposalFormState): DisposalFields {
  const onSite = f.placeKind === 'onSite';
  return {
    ...f,
    ...(onSite ? { contractorName: '', contractorCertificateNo: '', contractorStaff: '' } : {}),
    targets: f.targets.map(targetOf),
    nistClass: f.nistClass as NistClass,
    method: f.method as DisposalMethod,
    verificationOutcome: f.verificationOutcome as VerificationOutcome,
    result: f.result as DisposalResult,
    departmentId: Number(f.departmentId),
    operatorId: Number(f.operatorId),
    witnessIds: f.witnessIds.map(Number),
  };
}

/** The NIST classes a method may be recorded under (SP 800-88 Rev.1); every class before a method is chosen. */
export function classesFor(method: DisposalMethod | ''): readonly NistClass[] {
  return method === '' ? nistClasses : methodClasses[method];
}

/** A new method keeps the class if the method allows it, else takes the method's first class. */
export function withMethod(f: DisposalFormState, method: DisposalMethod | ''): DisposalFormState {
  if (method === '' || (f.nistClass !== '' && methodClasses[method].includes(f.nistClass))) return { ...f, method };
  return { ...f, method, nistClass: methodClasses[method][0] ?? '' };
}

/**
 * Drafts hold plain values and lists of texts (db/contract/drafts.ts): each target row goes
 * as one JSON text and comes back through `fromDraftState`, which keeps only well-formed rows.
 */
export type DisposalDraftState = Omit<DisposalFormState, 'targets'> & { targets: string[] };

export function toDraftState(f: DisposalFormState): DisposalDraftState {
  return { ...f, targets: f.targets.map((row) => JSON.stringify(row)) };
}

function parsedRow(text: string): TargetRow | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (v === null || typeof v !== 'object') return null;
  const r = v as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' ? r[k] : '');
  if (r.kind === 'paper') return { kind: 'paper', description: str('description'), quantity: str('quantity'), unit: str('unit') };
  if ((r.kind === 'medium' || r.kind === 'holding') && typeof r.id === 'number' && Number.isInteger(r.id)) {
    return { kind: r.kind, id: r.id, label: str('label'), detail: str('detail'), status: typeof r.status === 'string' ? r.status : null };
  }
  return null;
}

export function fromDraftState(d: DisposalDraftState): DisposalFormState {
  return { ...d, targets: d.targets.map(parsedRow).filter((row): row is TargetRow => row !== null) };
}
