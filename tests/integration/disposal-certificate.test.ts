import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chief, createUser, firstLogin, type TestApp } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { chromiumPerFile } from './support/chromium';
import { approvedDisposal, disposalCast, disposalInput, outsourced, type DisposalCast } from './support/disposal';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { pdfPageInfo, pdfToText } from './support/pdfText';
import { decodeQrInPdf } from './support/qrDecode';

/**
 * Printing the 廃棄・消去証明書 through the router (issue #11 items 5–6): only an approved record,
 * only by the 課等's manager or the chief; the print row, the record's history step and the
 * access-log event in one write; a second print says 再発行 with its day; the code read from the
 * PDF (text and QR) checks as valid, and as altered once an insider changed a field.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const { skip, toPdf } = chromiumPerFile();

const wholePage = { top: 0, left: 0, width: 210, height: 297 };

async function printToPdf(disposalId: number, name = 'certificate.pdf') {
  app.saveAnswer.path = path.join(app.outDir, name);
  const result = await app.ok('disposal.printCertificate', { disposalId, target: 'pdf' });
  return { result, pdf: await toPdf(app.printed.at(-1)!.html) };
}

async function outsourcedApproved(cast: DisposalCast) {
  return approvedDisposal(app, cast, outsourced(departments.citizens, { methodDetail: '破砕機で粉砕', tool: 'HD-Crusher', toolVersion: 'v2.1' }));
}

describe.skipIf(skip)('廃棄・消去証明書 through the router', () => {
  it('prints an approved record: number, method, names, the QR of the code; the print is recorded in one write', async () => {
    const cast = await disposalCast(app, departments);
    const record = await outsourcedApproved(cast);
    const { result, pdf } = await printToPdf(record.id);
    expect(result).toMatchObject({ savedTo: path.join(app.outDir, 'certificate.pdf'), reissue: false });
    const text = pdfToText(pdf);
    for (const expected of [record.certificateNo!, '破砕機で粉砕', 'HD-Crusher', people.officer.displayName, people.otherClerk.displayName, people.manager.displayName, '株式会社 日本リサイクルセンター', 'NRC-2026-0458', record.verificationCode!]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('再発行');
    expect(decodeQrInPdf(pdf, wholePage, pdfPageInfo(pdf).pages)).toBe(record.verificationCode);

    const detail = await app.ok('disposal.get', { disposalId: record.id });
    expect(detail.disposal).toMatchObject({ certificatePrints: 1, version: record.version });
    expect(detail.history[0]).toMatchObject({ action: 'printCertificate', userName: people.manager.displayName, changes: [] });
    const log = await app.ok('audit.query', { action: 'disposal.printCertificate' });
    expect(log.rows[0]).toMatchObject({ targetId: String(record.id) });
    expect(log.rows[0]!.detail).toMatchObject({ certificateNo: record.certificateNo, reissue: false, target: 'pdf', file: 'certificate.pdf' });
  });

  it('marks the second print 再発行 with its day; the first print is the original', async () => {
    const cast = await disposalCast(app, departments);
    const record = await approvedDisposal(app, cast, disposalInput(departments.citizens));
    await printToPdf(record.id, 'first.pdf');
    app.clock.advance(13 * 24 * 3_600_000);
    const { result, pdf } = await printToPdf(record.id, 'second.pdf');
    expect(result.reissue).toBe(true);
    expect(pdfToText(pdf)).toMatch(/再発行（(2026年12月5日|令和8年12月5日)）/);
    const log = await app.ok('audit.query', { action: 'disposal.printCertificate' });
    expect(log.rows.map((r) => r.detail.reissue)).toEqual([true, false]);
    await editBehindTheApp(app, (db) => {
      expect(db.prepare('SELECT reissue, printed_on, target FROM disposal_certificate_prints ORDER BY id').all()).toEqual([
        { reissue: 0, printed_on: '2026-11-22', target: 'pdf' },
        { reissue: 1, printed_on: '2026-12-05', target: 'pdf' },
      ]);
    });
  });

  it('refuses a draft, a requested record and a cancelled one with a clear error, writing nothing', async () => {
    const cast = await disposalCast(app, departments);
    await loginAs(app, people.clerk);
    const draft = await app.ok('disposal.create', disposalInput(departments.citizens, { operatorId: cast.officer, witnessIds: [cast.otherClerk] }));
    await loginAs(app, people.manager);
    const before = (await app.ok('audit.query', {})).rows.length;
    const printedBefore = app.printed.length;
    expect(await app.fail('disposal.printCertificate', { disposalId: draft.id, target: 'pdf' })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'disposalOutput.errors.certificateNotApproved',
    });
    await loginAs(app, people.clerk);
    const asked = await app.ok('disposal.create', disposalInput(departments.citizens, { operatorId: cast.officer, witnessIds: [cast.otherClerk] }));
    const requested = await app.ok('disposal.request', { disposalId: asked.id, version: asked.version });
    const dropped = await app.ok('disposal.create', disposalInput(departments.citizens, { operatorId: cast.officer, witnessIds: [cast.otherClerk] }));
    await app.ok('disposal.cancel', { disposalId: dropped.id, version: dropped.version, reason: '重複して作成' });
    await loginAs(app, people.manager);
    for (const id of [requested.id, dropped.id]) {
      expect(await app.fail('disposal.printCertificate', { disposalId: id, target: 'printer' })).toMatchObject({ code: 'CONFLICT', messageKey: 'disposalOutput.errors.certificateNotApproved' });
    }
    expect(app.printed.length).toBe(printedBefore);
    const after = await app.ok('audit.query', {});
    // Only the reads of the log itself were added.
    expect(after.rows.filter((r) => r.action === 'disposal.printCertificate')).toEqual([]);
    expect(after.rows.length).toBeGreaterThanOrEqual(before);
    const detail = await app.ok('disposal.get', { disposalId: draft.id });
    expect(detail.disposal.certificatePrints).toBe(0);
    expect(detail.history.map((h) => h.action)).not.toContain('printCertificate');
  });

  it("lets only the 課等's manager and the chief print: clerks are refused, another 課等's manager sees no such record", async () => {
    const cast = await disposalCast(app, departments);
    const record = await approvedDisposal(app, cast, disposalInput(departments.citizens));
    await loginAs(app, people.clerk);
    expect((await app.fail('disposal.printCertificate', { disposalId: record.id, target: 'pdf' })).code).toBe('PERMISSION_DENIED');
    await loginAs(app, people.otherClerk);
    expect((await app.fail('disposal.printCertificate', { disposalId: record.id, target: 'pdf' })).code).toBe('PERMISSION_DENIED');
    // 税務課's manager: the record is not theirs to see (MIC §9), answered as a record that does not exist.
    await loginAs(app, chief);
    await createUser(app, { loginId: 'taxmgr', displayName: '税務 課長', role: 'manager', password: 'Initial-2026-t', departmentId: departments.tax });
    await app.ok('auth.logout');
    await firstLogin(app, 'taxmgr', 'Initial-2026-t', 'Zeimu-2026-pw-k');
    expect((await app.fail('disposal.printCertificate', { disposalId: record.id, target: 'pdf' })).code).toBe('NOT_FOUND');
    await loginAs(app, chief);
    expect((await app.ok('disposal.printCertificate', { disposalId: record.id, target: 'printer' })).reissue).toBe(false);
  });

  it('checks the code from the PDF as valid, and as altered once an insider changed a certified field', async () => {
    const cast = await disposalCast(app, departments);
    const record = await outsourcedApproved(cast);
    const { pdf } = await printToPdf(record.id);
    const scanned = decodeQrInPdf(pdf, wholePage, pdfPageInfo(pdf).pages)!;
    expect(await app.ok('disposal.verifyCode', { code: scanned })).toMatchObject({ outcome: 'valid', disposalId: record.id, certificateNo: record.certificateNo, status: 'approved', hidden: false });
    await editBehindTheApp(app, (db) => db.prepare("UPDATE disposals SET method_detail = '粉砕せず' WHERE id = ?").run(record.id));
    await loginAs(app, people.manager);
    expect(await app.ok('disposal.verifyCode', { code: scanned })).toMatchObject({ outcome: 'altered', disposalId: record.id });
    // Another 課等's clerk is told the outcome, not the record (MIC §9).
    await loginAs(app, people.otherClerk);
    expect(await app.ok('disposal.verifyCode', { code: scanned.toLowerCase() })).toMatchObject({ outcome: 'altered', disposalId: null, hidden: true });
    await loginAs(app, chief);
    const log = await app.ok('audit.query', { action: 'disposal.verifyCode' });
    expect(log.rows.length).toBe(3);
  });

  it('reports an amended record as amended, naming the correction, and prints that on its certificate', async () => {
    const cast = await disposalCast(app, departments);
    const original = await approvedDisposal(app, cast, disposalInput(departments.citizens));
    await loginAs(app, people.clerk);
    const draft = await app.ok('disposal.amend', { disposalId: original.id, version: original.version, reason: '数量の誤り' });
    const requested = await app.ok('disposal.request', { disposalId: draft.id, version: draft.version });
    await loginAs(app, people.manager);
    await app.ok('auth.reauthenticate', { password: people.manager.password });
    const correction = await app.ok('disposal.approve', { disposalId: draft.id, version: requested.version });
    const check = await app.ok('disposal.verifyCode', { code: original.verificationCode! });
    expect(check).toMatchObject({ outcome: 'amended', disposalId: original.id, status: 'amended' });
    expect(check.amendedBy).toMatchObject({ id: correction.id, certificateNo: correction.certificateNo });
    const { pdf } = await printToPdf(original.id);
    expect(pdfToText(pdf)).toContain(`訂正後: ${correction.certificateNo}`);
    const { pdf: corrected } = await printToPdf(correction.id, 'correction.pdf');
    expect(pdfToText(corrected)).toContain(`${original.certificateNo} の訂正`);
  });

  it('改ざん検査: the prints verify clean; a print row turned back into an original by SQL is named', async () => {
    const cast = await disposalCast(app, departments);
    const record = await approvedDisposal(app, cast, disposalInput(departments.citizens));
    await printToPdf(record.id, 'first.pdf');
    await printToPdf(record.id, 'second.pdf');
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    // An insider makes the reprint look like an original (so the paper in hand would pass as the first).
    await editBehindTheApp(app, (db) => {
      db.exec('DROP TRIGGER disposal_certificate_prints_no_update');
      db.prepare('UPDATE disposal_certificate_prints SET reissue = 0 WHERE disposal_id = ?').run(record.id);
    });
    const findings = (await app.ok('audit.verify')).findings;
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'historyChanged', params: expect.objectContaining({ ledger: 'tamperFindings.ledgers.disposalCertificatePrints', recordId: record.id }) }));
  });

  it('records a certificate printed across a lock, its print row and history step with the event, in the printer\'s name', async () => {
    const cast = await disposalCast(app, departments);
    const record = await approvedDisposal(app, cast, disposalInput(departments.citizens));
    // The OS print dialog is open when the screen locks; the manager then presses 印刷.
    Object.defineProperty(app.printed, 'push', { configurable: true, value: () => (app.backend.lockForOs(), 0) });
    expect(await app.ok('disposal.printCertificate', { disposalId: record.id, target: 'printer' })).toEqual({ savedTo: null, reissue: false });
    await app.ok('session.unlock', { password: people.manager.password });
    const detail = await app.ok('disposal.get', { disposalId: record.id });
    expect(detail.disposal.certificatePrints).toBe(1);
    expect(detail.history[0]).toMatchObject({ action: 'printCertificate', userName: people.manager.displayName });
    await loginAs(app, chief);
    const log = await app.ok('audit.query', { action: 'disposal.printCertificate' });
    expect(log.rows[0]).toMatchObject({ actorName: people.manager.displayName, detail: { target: 'printer', reissue: false } });
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });
});
