import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AppEvent, PasswordPolicy, Role } from '../contract';
import { keyringExists, keyringFileName, writeKeyring, type Keyring } from '../keyring/keyring';
import type { HostPorts } from '../ports';
import { writeFileAtomic } from '../store/atomicFile';
import { databaseFileName, openEncryptedDatabase, type Db } from '../store/database';
import { AppError } from './appError';
import { assertCallTurn } from './sessionTurn';
import { appendAuditEvent, auditTimestamp, type AuditActor, type AuditEntry } from './audit';
import { defaultTimeZone, localDateIn } from '../contract/timeZone';
import { LockoutRegistry, lockoutFileName } from './lockout';

/** The open database and the key that opened it. Exists only while a session is unlocked. */
export interface Vault {
  db: Db;
  masterKey: Buffer;
  keyring: Keyring;
}

export interface Session {
  userId: number;
  loginId: string;
  displayName: string;
  role: Role;
  departmentId: number;
  startedAt: number;
  lastActivityAt: number;
  /** Sensitive actions are allowed until this instant (ms) after re-entering the password. */
  reauthUntil: number;
  locked: boolean;
  mustChangePassword: boolean;
  /** The account's last valid day (users.valid_until), kept so every call can check it without a read. */
  validUntil: string | null;
  // Shown on the lock screen and in the header, so they are kept while the database is closed.
  departmentName: string;
  organizationName: string;
  idleLockMinutes: number;
  dateDisplay: 'gregorian' | 'wareki';
  timeZone: string;
  passwordPolicy: PasswordPolicy;
}

/** A write in progress: its transaction, its timestamp and its access-log appender. */
export interface Tx {
  db: Db;
  at: string;
  audit(entry: AuditEntry): void;
  /** Runs after the transaction has committed (never if it rolls back). */
  afterCommit(action: () => void): void;
}

/** What `AppCore.write` hands its change: a Tx that can also replace keyring.json. */
export interface WriteTx extends Tx {
  /** The keyring as this write sees it (with its own saveKeyring applied). */
  readonly keyring: Keyring;
  /**
   * Replaces keyring.json (atomically) as part of this write; call it as the write's last
   * step. If the transaction then fails, the previous file is put back (see keyringChange).
   */
  saveKeyring(next: Omit<Keyring, 'checksum'>): void;
}

/**
 * The state behind the IPC boundary: where the files are, the vault (when unlocked), the
 * session, and the one way to write: `write`, which commits a change together with its
 * access-log event or not at all.
 */
export class AppCore {
  readonly files: { database: string; keyring: string; lockout: string };
  readonly lockout: LockoutRegistry;
  vault: Vault | null = null;
  session: Session | null = null;
  /** Shown once after setup or regeneration, kept only until printed and acknowledged. */
  pendingRecoveryKey: string | null = null;
  /** Events that happened while the database was closed (a locked session's logout). */
  deferredAudit: { at: string; actor: AuditActor; entry: AuditEntry }[] = [];
  private readonly listeners = new Set<(event: AppEvent) => void>();

  constructor(
    readonly dataDir: string,
    readonly ports: HostPorts,
    readonly appVersion: string,
    /** scrypt cost for new password slots; tests lower it, the app uses the default. */
    readonly kdfCost?: { N: number; r: number; p: number },
  ) {
    this.files = {
      database: path.join(dataDir, databaseFileName),
      keyring: path.join(dataDir, keyringFileName),
      lockout: path.join(dataDir, lockoutFileName),
    };
    this.lockout = new LockoutRegistry(this.files.lockout);
  }

  nowMs(): number {
    return this.ports.clock.now();
  }

  nowIso(): string {
    return new Date(this.nowMs()).toISOString();
  }

  /** The organisation's time zone: it decides every business date (settings.timeZone). */
  timeZone(): string {
    return this.session?.timeZone ?? defaultTimeZone;
  }

  /** Today in the organisation's time zone, YYYY-MM-DD. */
  today(): string {
    return localDateIn(this.nowMs(), this.timeZone());
  }

  isSetUp(): boolean {
    return keyringExists(this.files.keyring);
  }

  onEvent(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  requireSession(): Session {
    if (!this.session) throw new AppError('NOT_AUTHENTICATED');
    return this.session;
  }

  requireVault(): Vault {
    const session = this.requireSession();
    if (session.locked || !this.vault) throw new AppError('SESSION_LOCKED');
    return this.vault;
  }

  actor(): AuditActor {
    const s = this.session;
    return s ? { userId: s.userId, name: s.displayName } : { userId: null, name: 'system' };
  }

  /** Runs `change` in one IMMEDIATE transaction with its audit events; all or nothing. */
  write<T>(change: (tx: WriteTx) => T, actor: AuditActor = this.actor(), vault: Vault | null = this.vault): T {
    // Whether the caller may write is the router's question; here only an open store matters.
    if (!vault) throw new AppError('SESSION_LOCKED');
    // A call whose session was locked or replaced while it awaited writes nothing (sessionTurn.ts).
    assertCallTurn(this);
    const db = vault.db;
    const afterCommit: (() => void)[] = [];
    const keyring = keyringChange(this.files.keyring, vault);
    let result: T;
    try {
      result = db
        .transaction(() => {
          const { at, clockBehindMs } = auditTimestamp(db, this.nowIso());
          return change({
            db,
            at,
            audit: (entry) => {
              // A clock set back is itself worth an inspector's notice.
              const detail = clockBehindMs > 0 ? { ...entry.detail, clockBehindMs } : entry.detail;
              appendAuditEvent(db, at, actor, { ...entry, ...(detail ? { detail } : {}) });
            },
            afterCommit: (action) => afterCommit.push(action),
            get keyring() {
              return vault.keyring;
            },
            saveKeyring: keyring.save,
          });
        })
        .immediate();
    } catch (error) {
      keyring.undo();
      throw error;
    }
    for (const action of afterCommit) action();
    return result;
  }

  openVault(masterKey: Buffer, keyring: Keyring, create = false): Vault {
    this.closeVault();
    const db = openEncryptedDatabase(this.files.database, masterKey, { create });
    this.vault = { db, masterKey, keyring };
    return this.vault;
  }

  /** Closes the database and overwrites the key in memory (MIC §33: locked means locked). */
  closeVault(): void {
    if (!this.vault) return;
    const { db, masterKey } = this.vault;
    this.vault = null;
    try {
      db.close();
    } finally {
      masterKey.fill(0);
    }
  }
}

/**
 * keyring.json cannot join the SQLite transaction, so it is written just before the
 * commit and put back if the transaction fails (a statement after it, or the COMMIT
 * itself): any failure then rolls everything back. Only a crash between the file's rename
 * and the commit can leave the new keyring beside the old database; what that leaves is
 * harmless and is set right at the next unlock (reconcileKeyring, docs/SECURITY.md).
 */
function keyringChange(file: string, vault: Vault): { save: (next: Omit<Keyring, 'checksum'>) => void; undo: () => void } {
  let before: { keyring: Keyring; bytes: Buffer | null } | null = null;
  return {
    save: (next) => {
      before ??= { keyring: vault.keyring, bytes: existsSync(file) ? readFileSync(file) : null };
      vault.keyring = writeKeyring(file, next);
    },
    undo: () => {
      if (!before) return;
      vault.keyring = before.keyring;
      try {
        if (before.bytes) writeFileAtomic(file, before.bytes);
        else rmSync(file, { force: true });
      } catch {
        // The disk refused even the old file back: that is the crash case, set right at the next unlock.
      }
    },
  };
}
