import type { DisposalResult } from '../../../contract/disposalValues';
import { qrSvg } from '../../../print/codes';
import { japaneseLabel, japaneseText } from '../../../print/labels';
import { documentHead, html, renderDocument, sectionTitle, type SafeHtml } from '../../../print/layout';
import { definitionRow, definitionTable, listOrNone, signatureBoxes, textOrNone, type PrintContext } from '../../../print/parts';

/**
 * 廃棄・消去証明書 (issue #11 item 5; MIC §13; NIST SP 800-88 Appendix G lists what a certificate
 * of sanitization holds): every field of the approved record, its photos, the contractor's
 * scanned certificates by name and hash, boxes for 実施者 / 立会者 / 承認者, and the verification
 * code in text and as a QR code, so the paper can be checked against the ledger years later
 * (「証明書の照合」). A4 portrait; the words are the screen's (renderer/i18n/ja/disposal.ts) or
 * paper's own (ja/disposalOutput.ts): one label per thing.
 */
export interface CertificateTarget {
  kind: 'medium' | 'holding' | 'paper';
  /** 管理番号 / 保有個人情報の番号 / the paper's description. */
  label: string;
  /** 種別 word / the holding's name / 「3 箱」. */
  detail: string;
}

export interface CertificatePhoto {
  /** A JPEG made for printing (≤ 1600 px), inlined as a data: URL: the print window loads nothing. */
  jpeg: Buffer;
  caption: string;
  fileName: string;
}

/** The record, in words already (the service resolved names, enum words and days). */
export interface CertificateInput extends PrintContext {
  certificateNo: string;
  departmentName: string;
  targets: readonly CertificateTarget[];
  nistClass: string;
  method: string;
  methodDetail: string;
  tool: string;
  toolVersion: string;
  verificationMethod: string;
  verificationOutcome: string;
  performedOn: string;
  place: string;
  placeDetail: string;
  operatorName: string;
  witnessNames: readonly string[];
  contractorName: string;
  contractorCertificateNo: string;
  contractorStaff: string;
  result: string;
  /** Which statement the paper makes: a 失敗 certifies no destruction, 例外あり points at its exceptions. */
  resultKind: DisposalResult;
  resultNote: string;
  approvedByName: string;
  approvedOn: string;
  remarks: string;
  /** A correction: the 証明書番号 it corrects and why. */
  amends: { certificateNo: string; reason: string } | null;
  /** This record was superseded by a correction (printed on a reprint of the original). */
  amendedBy: string | null;
  photos: readonly CertificatePhoto[];
  scans: readonly { fileName: string; sha256: string; isPdf: boolean }[];
  verificationCode: string;
  /** The print's day when this is a 再発行, already as the organisation writes a day; null for the original. */
  reissuedOn: string | null;
}

const word = (key: string) => japaneseLabel(`disposalOutput.certificate.${key}`);
const field = (key: string) => japaneseLabel(`disposalFields.${key}`);
const kindWord = (kind: CertificateTarget['kind']) => japaneseLabel(`disposalTargetKind.${kind}`);

function targetsTable(targets: readonly CertificateTarget[]): SafeHtml {
  const rows = targets.map((t) => html`<tr><td>${kindWord(t.kind)}</td><td>${t.label}</td><td>${t.detail}</td></tr>`);
  return html`<table class="form targets">
  <colgroup><col class="t-kind"><col><col class="t-detail"></colgroup>
  <thead><tr><th>${word('targetKind')}</th><th>${word('targetLabel')}</th><th>${word('targetDetail')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

const withDetail = (main: string, detail: string) => (detail.trim() ? html`${main}（${detail}）` : html`${main}`);

function recordTable(input: CertificateInput): SafeHtml {
  return definitionTable([
    definitionRow(field('nistClass'), html`${input.nistClass}`),
    definitionRow(field('method'), withDetail(input.method, input.methodDetail)),
    definitionRow(field('tool'), input.tool.trim() ? html`${input.tool}${input.toolVersion.trim() ? html`　${field('toolVersion')}: ${input.toolVersion}` : null}` : textOrNone('')),
    definitionRow(field('verificationMethod'), textOrNone(input.verificationMethod)),
    definitionRow(field('verificationOutcome'), html`${input.verificationOutcome}`),
    definitionRow(field('performedOn'), html`${input.performedOn}`),
    definitionRow(field('placeKind'), withDetail(input.place, input.placeDetail)),
    definitionRow(field('operatorId'), html`${input.operatorName}`),
    definitionRow(field('witnessIds'), listOrNone(input.witnessNames)),
    definitionRow(field('contractorName'), textOrNone(input.contractorName)),
    definitionRow(field('contractorCertificateNo'), textOrNone(input.contractorCertificateNo)),
    definitionRow(field('contractorStaff'), textOrNone(input.contractorStaff)),
    definitionRow(field('result'), withDetail(input.result, input.resultNote)),
    definitionRow(word('approvedBy'), html`${input.approvedByName}`),
    definitionRow(word('approvedOn'), html`${input.approvedOn}`),
    definitionRow(field('remarks'), textOrNone(input.remarks)),
  ]);
}

function photosBlock(photos: readonly CertificatePhoto[]): SafeHtml | null {
  if (photos.length === 0) return null;
  // Two per row; each figure keeps its image and caption together, so a page breaks between rows.
  const figures = photos.map(
    (p) => html`<figure class="photo"><img src="data:image/jpeg;base64,${p.jpeg.toString('base64')}" alt="${p.fileName}"><figcaption>${p.caption.trim() ? p.caption : p.fileName}</figcaption></figure>`,
  );
  return html`${sectionTitle(word('photos'))}<div class="photos">${figures}</div>`;
}

function scansBlock(scans: CertificateInput['scans']): SafeHtml | null {
  if (scans.length === 0) return null;
  const rows = scans.map(
    (s) => html`<tr><td>${s.fileName}</td><td class="mono">${s.sha256.slice(0, 16)}</td><td>${s.isPdf ? word('scanPdfKept') : ''}</td></tr>`,
  );
  return html`${sectionTitle(word('scans'))}
<table class="form scans">
  <colgroup><col><col class="s-hash"><col class="s-note"></colgroup>
  <thead><tr><th>${word('scanFile')}</th><th>${word('scanHash')}</th><th>${word('scanNote')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

function codeBlock(code: string): SafeHtml {
  return html`<div class="code-box keep-together">
  <div class="code-qr">${qrSvg(code)}</div>
  <div class="code-text"><div class="code-label">${word('verificationCode')}</div><div class="code mono">${code}</div><p class="code-note">${word('howToCheck')}</p></div>
</div>`;
}

function marks(input: CertificateInput): SafeHtml {
  return html`${input.reissuedOn ? html`<p class="reissue">${japaneseText('disposalOutput.certificate.reissue', { date: input.reissuedOn })}</p>` : null}
${input.amendedBy ? html`<p class="amended-note">${japaneseText('disposalOutput.certificate.amendedBy', { certificateNo: input.amendedBy })}</p>` : null}
${input.amends ? html`<p class="amends-note">${japaneseText('disposalOutput.certificate.amends', { certificateNo: input.amends.certificateNo })}<br>${word('amendmentReason')}: ${input.amends.reason}</p>` : null}`;
}

// What the paper says it certifies follows the result (domain.md §3: a failed disposal is recorded and certified as such).
const statementKeys: Record<DisposalResult, string> = { completed: 'statement', exception: 'statementException', failed: 'statementFailed' };
const statement = (result: DisposalResult) =>
  result === 'failed' ? html`<p class="failed-statement">${word(statementKeys[result])}</p>` : html`<p>${word(statementKeys[result])}</p>`;

const certificateCss = `
  .failed-statement { font-weight: bold; border: 2px solid #000; padding: 1.5mm; }
  .doc-title { margin-top: 0; font-size: 18pt; }
  .reissue { margin: 0 0 2mm; text-align: center; font-size: 13pt; font-weight: bold; border: 2px solid #000; padding: 1mm; }
  .amended-note, .amends-note { margin: 0 0 2mm; font-weight: bold; }
  .head-table th { width: 30mm; }
  table.form.def th { width: 38mm; }
  .targets .t-kind { width: 26mm; } .targets .t-detail { width: 55mm; }
  table.form.def th, table.form.def td, .targets td { padding-top: 0.7mm; padding-bottom: 0.7mm; }
  table.form { font-size: 9.5pt; }
  .photos { display: flex; flex-wrap: wrap; gap: 4mm; }
  .photo { margin: 0; width: calc(50% - 2mm); break-inside: avoid; }
  .photo img { display: block; width: 100%; height: 55mm; object-fit: contain; border: 1px solid #999; }
  .photo figcaption { font-size: 8.5pt; text-align: center; }
  .scans .s-hash { width: 45mm; } .scans .s-note { width: 60mm; }
  .code-box { display: flex; gap: 5mm; align-items: center; margin-top: 4mm; border: 2px solid #000; padding: 3mm; }
  .code-qr { width: 30mm; height: 30mm; flex: none; }
  .code-qr svg { width: 30mm; height: 30mm; }
  .code-label { font-weight: bold; font-size: 9pt; }
  .code { font-size: 12pt; font-weight: bold; letter-spacing: 0.04em; white-space: nowrap; }
  .code-note { margin: 1mm 0 0; font-size: 8.5pt; }
`;

// One box per witness, each signs their own (MIC §12-2: every witness vouches); past four the
// row would not fit A4's width, so they share one box.
const signers = (witnesses: number) => [field('operatorId'), ...Array<string>(witnesses > 0 && witnesses <= 4 ? witnesses : 1).fill(field('witnessIds')), word('approvedBy')];

export function renderCertificate(input: CertificateInput): string {
  const title = word('title');
  const body = html`${documentHead(title)}
${marks(input)}
<table class="form head-table">
  <tr><th>${word('certificateNo')}</th><td class="mono">${input.certificateNo}</td></tr>
  <tr><th>${word('organization')}</th><td>${input.organizationName}　${input.departmentName}</td></tr>
</table>
${statement(input.resultKind)}
${sectionTitle(field('targets'))}
${targetsTable(input.targets)}
${sectionTitle(word('record'))}
${recordTable(input)}
${photosBlock(input.photos)}
${scansBlock(input.scans)}
${signatureBoxes(signers(input.witnessNames.length), word('signatures'))}
${codeBlock(input.verificationCode)}`;
  // Every page names its certificate (and a reprint says so): a long one runs to several pages.
  const pageMark = `${title} ${input.certificateNo}${input.reissuedOn ? ` ${japaneseText('disposalOutput.certificate.reissue', { date: input.reissuedOn })}` : ''}`;
  return renderDocument({ title: `${title} ${input.certificateNo}`, pageMark, body, organizationName: input.organizationName, printedAt: input.printedAt, timeZone: input.timeZone, wareki: input.wareki ?? false, styles: certificateCss });
}
