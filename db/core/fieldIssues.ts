import type { z } from 'zod';
import type { FieldIssue } from '../contract';

/** Turns a zod issue into a field issue whose message is an i18n key. */
export function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const params: Record<string, string | number> = {};
  if ('minimum' in issue && issue.minimum !== undefined) params.minimum = Number(issue.minimum);
  if ('maximum' in issue && issue.maximum !== undefined) params.maximum = Number(issue.maximum);
  if (issue.code === 'unrecognized_keys') params.keys = issue.keys.join(', ');
  let messageKey: string;
  if (issue.code === 'invalid_type' && issue.input === undefined) messageKey = 'validation.required';
  else if (issue.message.startsWith('validation.') || issue.message.startsWith('errors.')) messageKey = issue.message;
  else {
    const origin = 'origin' in issue ? issue.origin : undefined;
    messageKey =
      issue.code === 'too_small'
        ? origin === 'string' ? 'validation.tooShort' : 'validation.tooSmall'
        : issue.code === 'too_big'
          ? origin === 'string' ? 'validation.tooLong' : 'validation.tooLarge'
          : issue.code === 'invalid_value'
            ? 'validation.invalidOption'
            : issue.code === 'invalid_format'
              ? 'validation.invalidFormat'
              : issue.code === 'unrecognized_keys'
                ? 'validation.unknownField'
                : 'validation.invalidType';
  }
  return Object.keys(params).length ? { path, messageKey, params } : { path, messageKey };
}
