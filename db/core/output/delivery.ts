import path from 'node:path';
import type { PdfOptions } from '../../ports';
import { writeFileAtomic } from '../../store/atomicFile';
import { AppError } from '../appError';
import type { AuditEntry } from '../audit';
import type { AppCore } from '../appCore';
import { chooseOutputPath } from './savePath';

/**
 * The one way a document leaves the app: printed through the OS dialog, or saved as a PDF
 * where the user chooses (written atomically). Either way the access log records it.
 */
export async function deliverDocument(
  core: AppCore,
  request: { html: string; target: 'printer' | 'pdf'; defaultName: string; options?: PdfOptions; audit: AuditEntry },
): Promise<{ savedTo: string | null }> {
  let savedTo: string | null = null;
  if (request.target === 'pdf') {
    const { file } = await chooseOutputPath(core, { defaultName: request.defaultName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    savedTo = file;
    writeFileAtomic(file, await core.ports.printer.toPdf(request.html, request.options));
  } else if (!(await core.ports.printer.print(request.html, request.options))) {
    throw new AppError('CANCELLED');
  }
  recordAfterAwait(core, {
    ...request.audit,
    detail: { ...request.audit.detail, target: request.target, file: savedTo ? path.basename(savedTo) : null },
  });
  return { savedTo };
}

/**
 * Records an event after an asynchronous step; if the session was locked meanwhile, the
 * event waits and enters the log at the next unlock.
 */
export function recordAfterAwait(core: AppCore, entry: AuditEntry): void {
  if (core.vault && core.session && !core.session.locked) core.write((tx) => tx.audit(entry));
  else core.deferredAudit.push({ at: core.nowIso(), actor: core.actor(), entry });
}
