import type { AppCore } from '../core/appCore';
import type { AuditEntry } from '../core/audit';
import { checkBulkExport } from '../core/output/bulkExport';
import { deliverDocument, writeWithFile } from '../core/output/delivery';
import type { PdfOptions } from '../ports';
import type { Tx } from '../core/appCore';
import { readSettings } from '../core/settings';
import type { PrintContext } from '../print/parts';
import { chooseOutputPath } from '../core/output/savePath';

/**
 * The output pipeline every ledger uses: bulk-export guard (MIC §22) → save dialog or
 * printer → the file written atomically or the document printed → one access-log event
 * naming what left the app, with the reason when it was a bulk output.
 */
export async function exportCsvFile(
  core: AppCore,
  request: { rowCount: number; reason: string | undefined; defaultName: string; audit: AuditEntry; write(tx: Tx): { csv: string; rowCount: number } },
): Promise<{ savedTo: string; rowCount: number }> {
  checkBulkExport(core, request.rowCount, request.reason);
  const { file, fileName } = await chooseOutputPath(core, { defaultName: request.defaultName, filters: [{ name: 'CSV', extensions: ['csv'] }] });
  // The read, the file and its access-log event succeed or fail together (MIC §21, §22); the file appears once the event is in.
  return writeWithFile(core, (tx, place) => {
    const { csv, rowCount } = request.write(tx);
    // Rows may have been added while the dialog was open: the guard judges what is written.
    const bulk = checkBulkExport(core, rowCount, request.reason);
    place(file, csv);
    tx.audit({ ...request.audit, detail: { ...request.audit.detail, rowCount, file: fileName, ...bulk } });
    return { savedTo: file, rowCount };
  });
}

/** A document to the printer or to a PDF; `rowCount` (for lists) goes through the bulk guard. */
export async function printDocument(
  core: AppCore,
  request: {
    rowCount?: number;
    reason?: string | undefined;
    html: () => string;
    target: 'printer' | 'pdf';
    defaultName: string;
    options?: PdfOptions;
    audit: AuditEntry;
    // What the print itself changes (a certificate's print row), written in the event's transaction.
    alongside?: (tx: Tx) => void;
  },
): Promise<{ savedTo: string | null }> {
  const bulk = request.rowCount === undefined ? {} : { rowCount: request.rowCount, ...checkBulkExport(core, request.rowCount, request.reason) };
  return deliverDocument(core, {
    html: request.html(),
    target: request.target,
    defaultName: request.defaultName,
    ...(request.options ? { options: request.options } : {}),
    audit: { ...request.audit, detail: { ...request.audit.detail, ...bulk } },
    ...(request.alongside ? { alongside: request.alongside } : {}),
  });
}

/** Who prints, when, for which organisation, in which time zone. */
export function printContext(core: AppCore): PrintContext {
  const session = core.requireSession();
  const settings = readSettings(core.requireVault().db);
  return { organizationName: settings.organizationName, printedAt: core.nowIso(), printedBy: session.displayName, timeZone: core.timeZone(), wareki: settings.dateDisplay === 'wareki' };
}
