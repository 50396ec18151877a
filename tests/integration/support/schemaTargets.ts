import type { z } from 'zod';

/**
 * Walks a channel's zod input schema to every place a string or a number can go (object
 * fields, list items, record keys and values, each side of a union), and builds an input that
 * is valid everywhere else with a chosen value at one of them. Lets a test send a value to
 * every field of every channel, so a channel or field added later is covered without being listed.
 */
type Step = { key: string } | { option: number } | { item: true } | { recordKey: true } | { recordValue: true };

export interface InputTarget {
  /** Steps from the input's root to the string. */
  route: Step[];
  /** The path a field issue names (what the router reports), without the text itself for a record key. */
  path: (string | number)[];
  /** The string or number schema itself (after optional, default, pipes). */
  leaf: z.ZodType;
  kind: 'text' | 'number';
  /** The target is a record's key: the text sent becomes the last element of the path. */
  isRecordKey: boolean;
}

type Def = { type: string; [k: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (wrappers.has(def.type)) s = def.innerType as z.ZodType;
    else if (def.type === 'pipe') s = def.in as z.ZodType;
    else return s;
  }
}

/** Every string and number reachable in `schema`. */
export function inputTargets(schema: z.ZodType, route: Step[] = [], path: (string | number)[] = []): InputTarget[] {
  const s = unwrap(schema);
  const def = defOf(s);
  switch (def.type) {
    case 'string':
      return [{ route, path, leaf: s, kind: 'text', isRecordKey: route.at(-1) !== undefined && 'recordKey' in route.at(-1)! }];
    case 'number':
      return [{ route, path, leaf: s, kind: 'number', isRecordKey: false }];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, field]) => inputTargets(field, [...route, { key }], [...path, key]));
    case 'array':
      return inputTargets(def.element as z.ZodType, [...route, { item: true }], [...path, 0]);
    case 'record':
      return [
        ...inputTargets(def.keyType as z.ZodType, [...route, { recordKey: true }], path),
        ...inputTargets(def.valueType as z.ZodType, [...route, { recordValue: true }], [...path, sampleKey]),
      ];
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option, i) => inputTargets(option, [...route, { option: i }], path));
    case 'boolean': case 'enum': case 'literal': case 'null': case 'unknown': case 'any':
      return [];
    default:
      throw new Error(`schemaTargets: no walk for a zod ${def.type} (add it)`);
  }
}

const sampleKey = 'sampleField';
// The first a string accepts is its sample; a passphrase first, so that its confirmation (any text) matches it.
const sampleTexts = ['Kanri-Passphrase-2026-x', 'テスト入力', 'sampleField', '2026-04-01', 'R8-0001', 'Asia/Tokyo', '2026-04-01T00:00:00.000Z'];
const sampleNumbers = [1, 12, 100];

function firstValid<T>(schema: z.ZodType, candidates: readonly T[]): T | undefined {
  return candidates.find((c) => schema.safeParse(c).success);
}

/** A value `schema` accepts (undefined where the field may be left out). */
export function sample(schema: z.ZodType): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional': case 'default': case 'prefault':
      return undefined;
    case 'nullable':
      return null;
    case 'readonly': case 'nonoptional': case 'catch':
      return sample(def.innerType as z.ZodType);
    case 'pipe':
      return sample(def.in as z.ZodType);
    case 'string':
      return firstValid(schema, sampleTexts) ?? 'x';
    case 'number':
      return firstValid(schema, sampleNumbers) ?? 1;
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'null': case 'unknown': case 'any':
      return null;
    case 'array':
      // A list that must hold something (media.printLabels' mediumIds) gets one sample item.
      return schema.safeParse([]).success ? [] : [sample(def.element as z.ZodType)];
    case 'record':
      return {};
    case 'union':
      return (def.options as z.ZodType[]).map(sample).find((v, i) => (def.options as z.ZodType[])[i]!.safeParse(v).success);
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      return Object.fromEntries(Object.entries(shape).map(([k, f]) => [k, sample(f)]).filter(([, v]) => v !== undefined));
    }
    default:
      throw new Error(`schemaTargets: no sample for a zod ${def.type} (add it)`);
  }
}

/** A sample of `schema` with `value` at the end of `route`. */
export function inputWith(schema: z.ZodType, route: readonly Step[], value: string | number): unknown {
  if (route.length === 0) return value;
  const [step, ...rest] = route as [Step, ...Step[]];
  const s = unwrap(schema);
  const def = defOf(s);
  if ('key' in step) {
    const shape = def.shape as Record<string, z.ZodType>;
    return { ...(sample(s) as object), [step.key]: inputWith(shape[step.key]!, rest, value) };
  }
  if ('option' in step) return inputWith((def.options as z.ZodType[])[step.option]!, rest, value);
  if ('item' in step) return [inputWith(def.element as z.ZodType, rest, value)];
  if ('recordKey' in step) return { [String(value)]: sample(def.valueType as z.ZodType) ?? null };
  return { [sampleKey]: inputWith(def.valueType as z.ZodType, rest, value) };
}

export const pathKey = (path: readonly (string | number)[]) => path.join('.');
