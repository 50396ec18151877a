import path from 'node:path';
import type { PdfOptions } from '../../ports';
import { writeFileAtomic } from '../../store/atomicFile';
import { AppError } from '../appError';
import type { AuditActor, AuditEntry } from '../audit';
import type { AppCore, Tx } from '../appCore';
import { assertSameTurn, sessionOwner, sessionTurn } from '../sessions';
import { chooseOutputPath } from './savePath';

/**
 * The one way a document leaves the app: printed through the OS dialog, or saved as a PDF
 * where the user chooses (written atomically). Either way the access log records it.
 */
export async function deliverDocument(
  core: AppCore,
  request: { html: string; target: 'printer' | 'pdf'; defaultName: string; options?: PdfOptions; audit: AuditEntry; alongside?: (tx: Tx) => void },
): Promise<{ savedTo: string | null }> {
  // Bound to the session that asked (issue #9, 12): a lock or another login meanwhile ends it.
  const owner = sessionOwner(core);
  let savedTo: string | null = null;
  if (request.target === 'pdf') {
    const { file } = await chooseOutputPath(core, { defaultName: request.defaultName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    const pdf = await core.ports.printer.toPdf(request.html, request.options);
    assertSameTurn(core, owner.turn);
    savedTo = file;
    writeFileAtomic(file, pdf);
  } else if (!(await core.ports.printer.print(request.html, request.options))) {
    throw new AppError('CANCELLED');
  }
  // Paper that has left the printer cannot be called back: it is recorded, as who printed it.
  recordAfterAwait(core, {
    ...request.audit,
    detail: { ...request.audit.detail, target: request.target, file: savedTo ? path.basename(savedTo) : null },
  }, owner, request.alongside);
  return { savedTo };
}

/**
 * Records an event after an asynchronous step, in the name of the session that started it
 * (`since`): if that session was locked or gave way to another meanwhile, the event waits
 * and enters the log, still in its name, the next time the store is open. `alongside` writes
 * what the event is about (a printed certificate's row) in the same transaction, then or later.
 */
export function recordAfterAwait(core: AppCore, entry: AuditEntry, since?: { turn: number; actor: AuditActor }, alongside?: (tx: Tx) => void): void {
  const same = !since || sessionTurn(core) === since.turn;
  if (same && core.vault && core.session && !core.session.locked) {
    core.write((tx) => {
      alongside?.(tx);
      tx.audit(entry);
    });
  } else core.deferredAudit.push({ at: core.nowIso(), actor: since?.actor ?? core.actor(), entry, ...(alongside ? { alongside } : {}) });
}
