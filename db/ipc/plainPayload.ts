import type { FieldIssue } from '../contract';

/**
 * What a channel's input may be made of: the values JSON has — plain objects, arrays,
 * strings, finite numbers, booleans, null — and `undefined` (an optional field left out).
 * Electron's IPC carries the structured clone of what the renderer sends, which also keeps a
 * Date, Map, Set, RegExp, typed array, BigInt, boxed primitive, NaN or a cycle; and zod's
 * `strictObject` checks only own keys, so `new Date()` or `new Map()` passed as `{}` (issue
 * #9 item 13). Refused here, before any schema, for every channel at once.
 *
 * The checked value is copied: the schema and the handler see plain data that no getter or
 * proxy can change between the check and the use. Keys are copied as data (`__proto__`
 * stays an own key, which a strict schema then refuses as unknown).
 */
const maxDepth = 32;

type Checked = { value: unknown } | { issue: FieldIssue };

function refused(path: (string | number)[]): Checked {
  return { issue: { path, messageKey: 'validation.invalidType' } };
}

function isPlainObject(value: object): boolean {
  return Object.getPrototypeOf(value) === Object.prototype;
}

function copyArray(value: unknown[], path: (string | number)[], depth: number): Checked {
  if (Object.getPrototypeOf(value) !== Array.prototype) return refused(path);
  // JSON has no holes, and a hole costs nothing to send: structured clone carries
  // `new Array(2 ** 32 - 1)` in 26 bytes, which a walk over its length would turn into minutes
  // and gigabytes in main, before any schema or login. The elements actually sent (and
  // `length`) must be all the array's own keys, so the walk is as long as the message.
  if (Reflect.ownKeys(value).length !== value.length + 1) return refused(path);
  const copy: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const descriptor = Object.getOwnPropertyDescriptor(value, i);
    if (!descriptor || !('value' in descriptor)) return refused([...path, i]);
    const item = plainCopy(descriptor.value, [...path, i], depth + 1);
    if ('issue' in item) return item;
    copy.push(item.value);
  }
  return { value: copy };
}

function copyObject(value: object, path: (string | number)[], depth: number): Checked {
  if (!isPlainObject(value)) return refused(path);
  const entries: [string, unknown][] = [];
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol') return refused(path);
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    // An accessor could answer the check one way and the handler another.
    if (!descriptor || !('value' in descriptor) || !descriptor.enumerable) return refused([...path, key]);
    const item = plainCopy(descriptor.value, [...path, key], depth + 1);
    if ('issue' in item) return item;
    entries.push([key, item.value]);
  }
  return { value: Object.fromEntries(entries) };
}

function plainCopy(value: unknown, path: (string | number)[], depth: number): Checked {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return { value };
  if (typeof value === 'number') return Number.isFinite(value) ? { value } : refused(path);
  if (typeof value !== 'object' || depth >= maxDepth) return refused(path);
  return Array.isArray(value) ? copyArray(value, path, depth) : copyObject(value, path, depth);
}

/**
 * The payload as plain JSON-like data, or the field issue naming where it is not. A missing
 * payload (undefined or null: a channel without input) is `{}`.
 */
export function plainPayload(payload: unknown): Checked {
  return plainCopy(payload ?? {}, [], 0);
}
