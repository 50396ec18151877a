import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../core/appError';
import { writeFileAtomic } from '../store/atomicFile';
import { canonicalJson } from '../store/canonicalJson';
import {
  deriveFromPassword,
  deriveFromRecoveryKey,
  newHkdfParams,
  newScryptParams,
  unwrapKey,
  wrapKey,
  type ScryptParams,
} from './slotCrypto';

/**
 * keyring.json: one random database key, wrapped once per user (from their password) and
 * once by the printed recovery key. No product we studied lets several people unlock one
 * encrypted store with their own credentials; this is how Daicho does it. The exact
 * format is in docs/SECURITY.md, so the data stays readable without this app.
 */
export const keyringFileName = 'keyring.json';
export const keyringFormat = 'daicho-keyring';
export const keyringVersion = 1;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const wrapSchema = z.strictObject({ name: z.literal('aes-256-gcm'), iv: b64, ciphertext: b64, tag: b64 });
const userSlotSchema = z.strictObject({
  id: z.uuid(),
  kind: z.literal('user'),
  userId: z.int().positive(),
  loginHash: z.string().regex(/^[0-9a-f]{64}$/),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z.int().min(1024),
    r: z.int().min(1),
    p: z.int().min(1),
    keyLength: z.literal(32),
    salt: b64,
  }),
  wrap: wrapSchema,
  createdAt: z.string(),
});
const recoverySlotSchema = z.strictObject({
  id: z.uuid(),
  kind: z.literal('recovery'),
  kdf: z.strictObject({ name: z.literal('hkdf-sha256'), info: z.string(), keyLength: z.literal(32), salt: b64 }),
  wrap: wrapSchema,
  createdAt: z.string(),
});
const slotSchema = z.discriminatedUnion('kind', [userSlotSchema, recoverySlotSchema]);
const keyringSchema = z.strictObject({
  format: z.literal(keyringFormat),
  version: z.literal(keyringVersion),
  databaseId: z.uuid(),
  database: z.strictObject({ file: z.string(), cipher: z.literal('sqlcipher-4'), key: z.literal('raw-256') }),
  slots: z.array(slotSchema),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

export type Keyring = z.infer<typeof keyringSchema>;
export type UserSlot = z.infer<typeof userSlotSchema>;
export type RecoverySlot = z.infer<typeof recoverySlotSchema>;
type Slot = UserSlot | RecoverySlot;

/** Binds a wrapped key to its slot, so a slot's ciphertext cannot be moved to another slot. */
export function slotAad(databaseId: string, slot: { id: string; kind: 'user' | 'recovery'; userId?: number; loginHash?: string }): string {
  return ['daicho-keyring-v1', databaseId, slot.id, slot.kind, slot.userId ?? '', slot.loginHash ?? ''].join('|');
}

/**
 * Login IDs are not stored in the clear: a slot carries SHA-256 of a fixed prefix, the
 * database ID and the NFKC-lower-cased login ID. It hides staff names from a casual
 * reader of the file; it is no secret against someone who guesses names.
 */
export function loginHash(databaseId: string, loginId: string): string {
  return createHash('sha256').update(`daicho-login\0${databaseId}\0${loginId.normalize('NFKC').toLowerCase()}`, 'utf8').digest('hex');
}

function checksumOf(keyring: Omit<Keyring, 'checksum'>): string {
  return createHash('sha256').update(canonicalJson(keyring), 'utf8').digest('hex');
}

/**
 * Reads and checks the keyring. Anything unreadable, malformed or failing its checksum is
 * KEYRING_DAMAGED, reported before the database is touched.
 */
export function readKeyring(file: string): Keyring {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppError('KEYRING_DAMAGED');
  }
  return parseKeyring(text);
}

/** A keyring's text, checked: schema and checksum (KEYRING_DAMAGED otherwise). */
export function parseKeyring(text: string): Keyring {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('KEYRING_DAMAGED');
  }
  const result = keyringSchema.safeParse(parsed);
  if (!result.success) throw new AppError('KEYRING_DAMAGED');
  const { checksum, ...rest } = result.data;
  if (checksumOf(rest) !== checksum) throw new AppError('KEYRING_DAMAGED');
  return result.data;
}

/** The keyring with its checksum, and the exact text both copies hold. */
export function serializeKeyring(keyring: Omit<Keyring, 'checksum'>): { keyring: Keyring; text: string } {
  const complete: Keyring = { ...keyring, checksum: checksumOf(keyring) };
  return { keyring: complete, text: `${JSON.stringify(complete, null, 2)}\n` };
}

/** One file only; the app writes both copies (keyringFiles.ts). Kept for tools and tests. */
export function writeKeyring(file: string, keyring: Omit<Keyring, 'checksum'>): Keyring {
  const { keyring: complete, text } = serializeKeyring(keyring);
  writeFileAtomic(file, text);
  return complete;
}

export function newKeyring(databaseFile: string): Omit<Keyring, 'checksum'> {
  return {
    format: keyringFormat,
    version: keyringVersion,
    databaseId: randomUUID(),
    database: { file: databaseFile, cipher: 'sqlcipher-4', key: 'raw-256' },
    slots: [],
  };
}

/** A password already stretched by scrypt: the slow, asynchronous half of making a slot. */
export interface PreparedPassword {
  kdf: ScryptParams;
  kek: Buffer;
}

export async function preparePassword(password: string, cost?: { N: number; r: number; p: number }): Promise<PreparedPassword> {
  const kdf = newScryptParams(cost);
  return { kdf, kek: await deriveFromPassword(password, kdf) };
}

/**
 * The fast, synchronous half: wraps the master key for one user. Synchronous so it can run
 * inside the database transaction that creates the account, once its id is known.
 */
export function sealUserSlot(
  databaseId: string,
  user: { userId: number; loginId: string },
  prepared: PreparedPassword,
  masterKey: Buffer,
  createdAt: string,
): UserSlot {
  const header = { id: randomUUID(), kind: 'user' as const, userId: user.userId, loginHash: loginHash(databaseId, user.loginId) };
  const wrap = wrapKey(prepared.kek, masterKey, slotAad(databaseId, header));
  return { ...header, kdf: prepared.kdf, wrap, createdAt };
}

export function makeRecoverySlot(databaseId: string, recoveryKey: Buffer, masterKey: Buffer, createdAt: string): RecoverySlot {
  const header = { id: randomUUID(), kind: 'recovery' as const };
  const kdf = newHkdfParams();
  const kek = deriveFromRecoveryKey(recoveryKey, kdf);
  const wrap = wrapKey(kek, masterKey, slotAad(databaseId, header));
  kek.fill(0);
  return { ...header, kdf, wrap, createdAt };
}

export function findUserSlot(keyring: Keyring, loginId: string): UserSlot | undefined {
  const hash = loginHash(keyring.databaseId, loginId);
  return keyring.slots.find((s): s is UserSlot => s.kind === 'user' && s.loginHash === hash);
}

/** The master key if `password` opens the slot, else null (wrong password or altered slot). */
export async function openUserSlot(keyring: Keyring, slot: UserSlot, password: string): Promise<Buffer | null> {
  const kek = await deriveFromPassword(password, slot.kdf);
  const key = unwrapKey(kek, slot.wrap, slotAad(keyring.databaseId, slot));
  kek.fill(0);
  return key;
}

export function openRecoverySlot(keyring: Keyring, recoveryKey: Buffer): Buffer | null {
  const slot = keyring.slots.find((s): s is RecoverySlot => s.kind === 'recovery');
  if (!slot) return null;
  const kek = deriveFromRecoveryKey(recoveryKey, slot.kdf);
  const key = unwrapKey(kek, slot.wrap, slotAad(keyring.databaseId, slot));
  kek.fill(0);
  return key;
}

/**
 * A copy of the keyring with `slot` in place of any slot of the same user or login ID (or
 * of the recovery slot). A login ID has one slot: login tries the first that matches.
 */
export function withSlot(keyring: Keyring, slot: Slot): Omit<Keyring, 'checksum'> {
  const others = keyring.slots.filter((s) =>
    slot.kind === 'recovery' ? s.kind !== 'recovery' : !(s.kind === 'user' && (s.userId === slot.userId || s.loginHash === slot.loginHash)),
  );
  const { checksum: _checksum, ...rest } = keyring;
  return { ...rest, slots: [...others, slot] };
}

export function withoutUserSlot(keyring: Keyring, userId: number): Omit<Keyring, 'checksum'> {
  const { checksum: _checksum, ...rest } = keyring;
  return { ...rest, slots: keyring.slots.filter((s) => !(s.kind === 'user' && s.userId === userId)) };
}
