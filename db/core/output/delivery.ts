import path from 'node:path';
import type { PdfOptions } from '../../ports';
import { stageFileAtomic, type StagedFile } from '../../store/atomicFile';
import { AppError } from '../appError';
import type { AuditActor, AuditEntry } from '../audit';
import type { AppCore, Tx, WriteTx } from '../appCore';
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
  let staged: StagedFile | null = null;
  if (request.target === 'pdf') {
    const { file } = await chooseOutputPath(core, { defaultName: request.defaultName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    const pdf = await core.ports.printer.toPdf(request.html, request.options);
    assertSameTurn(core, owner.turn);
    savedTo = file;
    // On disk beside its place, put there once its event has committed (writeWithFile's order).
    staged = stageFileAtomic(file, pdf);
  } else if (!(await core.ports.printer.print(request.html, request.options))) {
    throw new AppError('CANCELLED');
  }
  // Paper that has left the printer cannot be called back: it is recorded, as who printed it.
  try {
    recordAfterAwait(core, {
      ...request.audit,
      detail: { ...request.audit.detail, target: request.target, file: savedTo ? path.basename(savedTo) : null },
    }, owner, request.alongside);
  } catch (error) {
    staged?.discard();
    throw error;
  }
  staged?.place();
  return { savedTo };
}

/**
 * A write that leaves a file (a CSV, a saved attachment): `place` writes and fsyncs the file
 * beside its place inside the write, and it is renamed into place only once the write and its
 * access-log event have committed. A crash on the way leaves the event without the file, never
 * the file without its event (MIC §21: every output is recorded); a failed write leaves neither.
 */
export function writeWithFile<T>(core: AppCore, change: (tx: WriteTx, place: (file: string, data: string | Uint8Array) => void) => T): T {
  const staged: StagedFile[] = [];
  try {
    return core.write((tx) =>
      change(tx, (file, data) => {
        const s = stageFileAtomic(file, data);
        staged.push(s);
        tx.afterCommit(() => s.place());
      }),
    );
  } catch (error) {
    for (const s of staged) s.discard();
    throw error;
  }
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
