import path from 'node:path';
import type { AppEvent, PasswordPolicy, Role } from '../contract';
import { keyringFileName, type Keyring } from '../keyring/keyring';
import {
  keyringBackupFileName,
  keyringPresent,
  loadKeyring,
  restoreKeyringFiles,
  saveKeyringFiles,
  snapshotKeyringFiles,
  type KeyringCopyProblem,
  type KeyringFiles,
} from '../keyring/keyringFiles';
import type { HostPorts } from '../ports';
import type { SetupNotice } from './dataFolder';
import { databaseFileName, openEncryptedDatabase, type Db } from '../store/database';
import { AppError } from './appError';
import { assertCallTurn } from './sessionTurn';
import { appendAuditEvent, auditTimestamp, type AuditActor, type AuditEntry } from './audit';
import { refreshAnchor } from './auditAnchor';
import { discardStatePins, settleStatePins } from './statePins';
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
   * Replaces keyring.json and its copy (atomically, each read back) as part of this write;
   * call it as the write's last step. If the transaction then fails, the previous files are
   * put back (see keyringChange).
   */
  saveKeyring(next: Omit<Keyring, 'checksum'>): void;
}

/**
 * The state behind the IPC boundary: where the files are, the vault (when unlocked), the
 * session, and the one way to write: `write`, which commits a change together with its
 * access-log event or not at all.
 */
export class AppCore {
  readonly files: { database: string; keyring: string; keyringBackup: string; lockout: string };
  readonly lockout: LockoutRegistry;
  vault: Vault | null = null;
  session: Session | null = null;
  /** Shown once after setup or regeneration, kept only until printed and acknowledged. */
  pendingRecoveryKey: string | null = null;
  /** Events that happened while the database was closed (a locked session's logout). */
  deferredAudit: { at: string; actor: AuditActor; entry: AuditEntry; alongside?: (tx: Tx) => void }[] = [];
  /** What was wrong with a keyring copy when it was last read; set right and logged by catchUp. */
  keyringProblems: KeyringCopyProblem[] = [];
  /** The other whole copy when the two differ (keyringFiles.ts); catchUp keeps the one the database agrees with. */
  keyringAlternative: Keyring | null = null;
  /** What the backend found in the data folder at start, for the setup wizard (dataFolder.ts). */
  setupNotice: SetupNotice | null = null;
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
      keyringBackup: path.join(dataDir, keyringBackupFileName),
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

  get keyringFiles(): KeyringFiles {
    return { primary: this.files.keyring, backup: this.files.keyringBackup };
  }

  isSetUp(): boolean {
    return keyringPresent(this.keyringFiles);
  }

  /** keyring.json, or its copy if it is damaged or missing (keyringFiles.ts); notes what to repair. */
  readKeyring(): Keyring {
    const loaded = loadKeyring(this.keyringFiles);
    this.keyringProblems = loaded.problems;
    this.keyringAlternative = loaded.alternative;
    return loaded.keyring;
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
    const keyring = keyringChange(this.keyringFiles, vault);
    let result: T;
    try {
      result = db
        .transaction(() => {
          const { at, clockBehindMs } = auditTimestamp(db, this.nowIso());
          // Row pins left by a write that failed are not this write's (statePins.ts).
          discardStatePins(db);
          const done = change({
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
          settleStatePins(db, (entry) => appendAuditEvent(db, at, actor, entry));
          return done;
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
    // SECURITY.md, opening step 6: a keyring is used only with the database it names.
    let databaseId: string | undefined;
    try {
      databaseId = create ? undefined : (db.prepare(`SELECT value FROM meta WHERE key = 'databaseId'`).pluck().get() as string | undefined);
    } catch (error) {
      // A damaged page under meta (issue #9, 7): the connection must not outlive the failed open.
      db.close();
      throw error;
    }
    if (!create && databaseId !== keyring.databaseId) {
      db.close();
      masterKey.fill(0);
      throw new AppError('KEYRING_DAMAGED', undefined, undefined, 'errors.keyringOtherDatabase');
    }
    this.vault = { db, masterKey, keyring };
    return this.vault;
  }

  /**
   * Moves the head anchor to the log's head (auditAnchor.ts); a lock never waits on it. Called
   * before a lock's or logout's event is written, and again at the close: so every close event
   * in the log had an anchor written before it, and a crash just after that event's commit
   * leaves an anchor one event behind — normal — rather than none, which would read as deleted.
   */
  moveAnchor(): void {
    if (!this.vault) return;
    try {
      refreshAnchor(this.dataDir, this.vault.db, this.vault.masterKey, this.nowIso());
    } catch (error) {
      console.error('daicho: the access-log anchor could not be written', error);
    }
  }

  /** Closes the database and overwrites the key in memory (MIC §33: locked means locked). */
  closeVault(): void {
    if (!this.vault) return;
    const { db, masterKey } = this.vault;
    this.moveAnchor();
    this.vault = null;
    try {
      db.close();
    } finally {
      masterKey.fill(0);
    }
  }
}

/**
 * keyring.json (and its copy, keyringFiles.ts) cannot join the SQLite transaction, so it is
 * written just before the commit and both are put back if the transaction fails (a statement after it, or the COMMIT
 * itself): any failure then rolls everything back. Only a crash between the file's rename
 * and the commit can leave the new keyring beside the old database; what that leaves is
 * harmless and is set right at the next unlock (reconcileKeyring, docs/SECURITY.md).
 */
function keyringChange(files: KeyringFiles, vault: Vault): { save: (next: Omit<Keyring, 'checksum'>) => void; undo: () => void } {
  let before: { keyring: Keyring; bytes: ReturnType<typeof snapshotKeyringFiles> } | null = null;
  return {
    save: (next) => {
      before ??= { keyring: vault.keyring, bytes: snapshotKeyringFiles(files) };
      vault.keyring = saveKeyringFiles(files, next);
    },
    undo: () => {
      if (!before) return;
      vault.keyring = before.keyring;
      try {
        restoreKeyringFiles(files, before.bytes);
      } catch {
        // The disk refused even the old file back: that is the crash case, set right at the next unlock.
      }
    },
  };
}
