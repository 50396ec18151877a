import { randomFillSync, type Decipher } from 'node:crypto';

/**
 * Secrets in memory (issue #9, 6; docs/SECURITY.md "What stays in memory"). A locked
 * terminal must hold no database key, so every copy of a key, a recovery key or a password's
 * bytes lives in a buffer that is overwritten when it is done with:
 * - **Off the V8 heap.** V8 keeps a typed array of up to 64 bytes on its own heap, and the
 *   GC moves it, leaving the old bytes behind where no `fill(0)` reaches (measured: every
 *   `Buffer.alloc(32)` or `randomBytes(32)` handed to crypto left a copy). A buffer over its
 *   own ArrayBuffer is never moved.
 * - **Never a JS string.** A string cannot be overwritten, and a dead one stays in freed heap
 *   memory until reused; so the raw-key text SQLCipher takes, `x'<64 hex>'`, is built byte
 *   by byte in a buffer and handed to the driver's `key()`, never as `PRAGMA key` text.
 */

/** A zeroed buffer for a secret, over its own ArrayBuffer (off the V8 heap). */
export function secretBuffer(length: number): Buffer {
  return Buffer.from(new ArrayBuffer(length));
}

/** `length` random bytes in a secret buffer (a new database key, a recovery key). */
export function randomSecret(length: number): Buffer {
  return randomFillSync(secretBuffer(length));
}

/** A typed text (a password, a passphrase) as UTF-8 in a secret buffer; the caller wipes it. */
export function utf8Secret(text: string): Buffer {
  const bytes = secretBuffer(Buffer.byteLength(text, 'utf8'));
  bytes.write(text, 'utf8');
  return bytes;
}

/**
 * A GCM plaintext (a key, a backup manifest) decrypted into one secret buffer, 8 bytes per
 * `update`; the caller checks the tag with `final()` and wipes the result on failure. Node's
 * `update` writes into a buffer one byte longer than its output, copies it into one of the
 * right size and frees the first without wiping it (CipherBase::Update). Freed that small, the
 * allocator writes its free-list pointers over those 8 bytes (glibc: tcache `next` and
 * `key`, a fastbin's `fd`, at the block's start), so no freed copy keeps plaintext: measured,
 * a whole-key `update` left its second half behind about one run in five. Each right-sized
 * piece is wiped here.
 */
export function decryptSecret(decipher: Decipher, ciphertext: Uint8Array): Buffer {
  const out = secretBuffer(ciphertext.length);
  let written = 0;
  for (let at = 0; at < ciphertext.length; at += 8) {
    const piece = decipher.update(ciphertext.subarray(at, at + 8));
    piece.copy(out, written);
    written += piece.length;
    piece.fill(0);
  }
  if (written !== ciphertext.length) {
    out.fill(0);
    throw new Error('decryptSecret: a stream cipher (GCM) gives as many bytes as it takes');
  }
  return out;
}

/** Writes `bytes` as lower-case hex digits into `target` at `offset` (no string in between). */
export function hexInto(target: Buffer, offset: number, bytes: Uint8Array): void {
  const digits = '0123456789abcdef';
  for (let i = 0; i < bytes.length; i++) {
    target[offset + 2 * i] = digits.charCodeAt(bytes[i]! >> 4);
    target[offset + 2 * i + 1] = digits.charCodeAt(bytes[i]! & 15);
  }
}

/** A copy of `key` that can be moved (transferred) to a worker thread, which wipes it. */
export function transferableKey(key: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new ArrayBuffer(key.length));
  copy.set(key);
  return copy;
}

/**
 * Keys a new connection with the raw database key (docs/SECURITY.md, opening step 5):
 * SQLCipher 4 settings first, then the raw-key text `x'<hex>'` written into a buffer and
 * wiped at once (SQLite3 Multiple Ciphers keeps only the derived cipher state, which it
 * zeroes on close). Self-contained on purpose (hence its own hex loop, as `hexInto`): the
 * worker threads run its source as is (backup/worker.ts), so it may use nothing from outside its body.
 */
export function keyConnection(db: { pragma(source: string): unknown; key(key: Buffer): unknown }, key: Uint8Array): void {
  db.pragma("cipher='sqlcipher'");
  db.pragma('legacy=4');
  const digits = '0123456789abcdef';
  const text = Buffer.from(new ArrayBuffer(2 * key.length + 3));
  text[0] = 0x78; // x
  text[1] = 0x27; // '
  text[text.length - 1] = 0x27;
  for (let i = 0; i < key.length; i++) {
    text[2 + 2 * i] = digits.charCodeAt(key[i]! >> 4);
    text[3 + 2 * i] = digits.charCodeAt(key[i]! & 15);
  }
  try {
    db.key(text);
  } finally {
    text.fill(0);
  }
}
