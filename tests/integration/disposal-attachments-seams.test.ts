import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { chief, type TestApp } from './support/backend';
import { lines, makeTaxManager, taxManager } from './support/auditWords';
import { editBehindTheApp } from './support/behindTheApp';
import { approvedDisposal, disposalCast, disposalInput } from './support/disposal';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * Where a disposal record's photos meet the rest (issue #11 item 2): the record's detail (metadata,
 * never bytes), an approved record frozen, the access log in words and in scope (MIC §9), and
 * 改ざん検査 of the attachment rows pinned without their BLOBs.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

async function photo(name: string): Promise<void> {
  const file = path.join(app.outDir, name);
  writeFileSync(file, await sharp({ create: { width: 120, height: 90, channels: 3, background: '#468' } }).jpeg().toBuffer());
  app.openAnswer.path = file;
}

/** A draft of 市民課 with one photo attached by 田中 (left logged in). */
async function draftWithPhoto() {
  const cast = await disposalCast(app, departments);
  await loginAs(app, people.clerk);
  const { id } = await app.ok('disposal.create', disposalInput(departments.citizens, { operatorId: cast.officer, witnessIds: [cast.clerk] }));
  await photo('破砕後.jpg');
  const { attachment } = await app.ok('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '破砕後' });
  return { id, attachment: attachment!, cast };
}

describe("the record's detail", () => {
  it('lists added and removed attachments with their names, never their bytes', async () => {
    const { id, attachment } = await draftWithPhoto();
    await photo('二枚目.jpg');
    const second = (await app.ok('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '' })).attachment!;
    await app.ok('disposal.attachments.remove', { attachmentId: second.id });
    const { attachments } = await app.ok('disposal.get', { disposalId: id });
    expect(attachments.map((a) => [a.fileName, a.addedByName, a.removedByName])).toEqual([
      ['破砕後.jpg', people.clerk.displayName, null],
      ['二枚目.jpg', people.clerk.displayName, people.clerk.displayName],
    ]);
    expect(attachments[0]).toEqual(attachment);
    expect(JSON.stringify(attachments)).not.toMatch(/base64|content|thumbnail/);
  });
});

describe('an approved record is frozen', () => {
  it('refuses to add to or remove from it in Japanese words, nothing changed', async () => {
    const cast = await disposalCast(app, departments);
    const approved = await approvedDisposal(app, cast, disposalInput(departments.citizens, { witnessIds: [cast.clerk] }));
    expect(approved.status).toBe('approved');
    await loginAs(app, people.clerk);
    await photo('後から.jpg');
    const r = await app.fail('disposal.attachments.add', { disposalId: approved.id, kind: 'photo', caption: '' });
    expect([r.code, r.messageKey]).toEqual(['CONFLICT', 'disposalAttachments.errors.notDraft']);
    expect((await app.ok('disposal.get', { disposalId: approved.id })).attachments).toEqual([]);
  });
});

describe('access log', () => {
  it('says attach, detach and save in words, and tells 税務課 nothing of them', async () => {
    const { attachment } = await draftWithPhoto();
    app.saveAnswer.path = path.join(app.outDir, 'saved.jpg');
    await app.ok('disposal.attachments.save', { attachmentId: attachment.id });
    await app.ok('disposal.attachments.remove', { attachmentId: attachment.id, reason: '写り込みあり' });
    await loginAs(app, chief);
    const { rows } = await app.ok('audit.query', { pageSize: 200 });
    const said = (action: string) => lines(rows.find((e) => e.action === action)!);
    expect(said('disposal.attach')).toEqual(expect.arrayContaining(['ファイル: 破砕後.jpg', '種別: 写真', `ファイルのハッシュ値（SHA-256）: ${attachment.sha256}`]));
    expect(said('disposal.detach')).toEqual(expect.arrayContaining(['ファイル: 破砕後.jpg', '理由: 写り込みあり']));
    const save = rows.find((e) => e.action === 'disposal.attachment.save')!;
    expect(save.target).toEqual({ number: null, name: '破砕後.jpg' });
    expect(lines(save)).toEqual(expect.arrayContaining(['ファイル: saved.jpg']));
    for (const e of rows.filter((e) => e.action.startsWith('disposal.'))) expect(JSON.stringify(e.words), e.action).not.toContain('auditDetail.other');

    await makeTaxManager(app, departments.tax);
    await loginAs(app, taxManager);
    const theirs = JSON.stringify((await app.ok('audit.query', { pageSize: 200 })).rows);
    expect(theirs).not.toContain('破砕後');
    expect(theirs).not.toContain(attachment.sha256);
  });
});

describe('改ざん検査', () => {
  it('is clean after attach and detach, and names an attachment row edited behind the app', async () => {
    const { id, attachment } = await draftWithPhoto();
    await photo('b.jpg');
    const second = (await app.ok('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '' })).attachment!;
    await app.ok('disposal.attachments.remove', { attachmentId: second.id });
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    // The hash stands for the bytes: a changed SHA-256 (or caption, or file name) is named.
    await editBehindTheApp(app, (db) => db.prepare("UPDATE disposal_attachments SET sha256 = replace(sha256, substr(sha256, 1, 1), 'f'), caption = '差替え' WHERE id = ?").run(attachment.id));
    const result = await app.ok('audit.verify');
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'historyChanged', params: { ledger: 'disposalAttachments.tamperName', id: attachment.id, recordId: id } })]);
  });
});
