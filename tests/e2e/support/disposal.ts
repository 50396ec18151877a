import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { chief, makeTestApp, type TestApp } from '../../integration/support/backend';
import { disposalCast, type DisposalCast } from '../../integration/support/disposal';
import { ledgerOrganization, loginAs as loginThrough, people } from '../../integration/support/holdings';
import { mediumInput } from '../../integration/support/media';
import { pdfPageInfo, pdfPageToPng } from '../../integration/support/pdfText';
import { decodeQrInPdf } from '../../integration/support/qrDecode';
import { byTestId, shown } from './e2e';
import { loginAs } from './holdings';

/**
 * The disposal journey's data and its checks on paper (issue #11 Done-when): the ledger
 * organisation with two USB sticks of 市民課 in the cabinet, registered by the officer through
 * the backend (the UI steps are the test's business), photos made by sharp, and pixel counts of a
 * printed page rendered by pdftoppm.
 */
export const usbSticks = ['SOM-USB-0101', 'SOM-USB-0102'] as const;

/** Builds the organisation and the two sticks into `dir` (a closed data folder the app starts from). */
export async function prepareDisposalData(dir: string): Promise<{ citizens: number }> {
  const backend = makeTestApp({ dir });
  try {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.officer);
    const place = await backend.ok('media.storageLocations.create', { name: 'キャビネットA', departmentId: citizens, besideTerminal: false });
    for (const mediaNo of usbSticks) {
      await backend.ok('media.create', mediumInput(citizens, { mediaNo, makeModel: 'ACME SecureUSB 32GB', storageLocationId: place.id }));
    }
    await backend.ok('auth.logout');
    return { citizens };
  } finally {
    backend.close();
  }
}

export type Colour = readonly [number, number, number];
export const pureRed: Colour = [255, 0, 0];
export const pureBlue: Colour = [0, 0, 255];

/** A 1600×1200 photo of one solid colour (a camera's size), written as JPEG; returns its path. */
export async function solidJpeg(dir: string, name: string, colour: Colour): Promise<string> {
  const file = path.join(dir, name);
  await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } } })
    .jpeg({ quality: 90 })
    .toFile(file);
  return file;
}

/**
 * How many pixels of the document, every page drawn at 60 dpi, are close to `colour` (JPEG and
 * the PDF's own compression move a solid colour a little; the rest of the certificate is black
 * on white). The photos' page is the layout's business, so every page counts.
 */
export function colourPixels(pdf: Buffer, dir: string, colour: Colour): number {
  let count = 0;
  for (let page = 1; page <= pdfPageInfo(pdf).pages; page++) {
    const png = PNG.sync.read(readFileSync(pdfPageToPng(pdf, path.join(dir, `page-${page}-${colour.join('-')}.png`), { page, dpi: 60 })));
    for (let i = 0; i < png.data.length; i += 4) {
      if (colour.every((c, k) => Math.abs(png.data[i + k]! - c) < 48)) count++;
    }
  }
  return count;
}

/** What the QR code on any page of the document says (the whole A4 page is read: the layout places it), or null. */
export function decodeQrAnywhere(pdf: Buffer): string | null {
  const a4Page = { top: 0, left: 0, width: 210, height: 297 };
  for (let page = 1; page <= pdfPageInfo(pdf).pages; page++) {
    const found = decodeQrInPdf(pdf, a4Page, page);
    if (found !== null) return found;
  }
  return null;
}

/** 写真を追加 / 証明書を追加 on the record's attachments panel: the host's open dialog answers with `file`. */
export async function attach(page: Page, setOpenPath: (file: string) => void, kind: 'photo' | 'certificate', file: string, caption: string): Promise<void> {
  setOpenPath(file);
  await byTestId(page, `attachment-add-${kind}`).click();
  await shown(page, 'attachment-add-dialog');
  await byTestId(page, 'attachment-caption').fill(caption);
  await byTestId(page, 'attachment-choose').click();
  await page.locator('[data-testid="attachment-notice"]', { hasText: path.basename(file) }).waitFor();
}

/** 市民課's id and the cast's account ids, read through the backend of a stage already set up (left logged out). */
export async function castOf(backend: TestApp): Promise<{ citizens: number; cast: DisposalCast }> {
  await loginThrough(backend, chief);
  const departments = await backend.ok('departments.list', { includeInactive: false });
  const id = (name: string) => departments.find((d) => d.name === name)!.id;
  const ids = { citizens: id('市民課'), tax: id('税務課') };
  return { citizens: ids.citizens, cast: await disposalCast(backend, ids) };
}

/** From the login screen: `person` signs in and opens the 廃棄記録簿 (its table shown). */
export async function openDisposalBook(page: Page, person: { loginId: string; password: string }): Promise<Page> {
  await shown(page, 'login-screen');
  await loginAs(page, person);
  await byTestId(page, 'nav-disposal').click();
  await shown(page, 'disposal-table');
  return page;
}
