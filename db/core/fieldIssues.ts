import type { z } from 'zod';
import type { FieldIssue } from '../contract';
import { hasJapaneseLabel } from '../print/labels';

/**
 * An area's own refusal key in a schema (`.min(1, 'disposal.errors.noTargets')`) is said as
 * written, but only an `<area>.errors.<name>` key the Japanese locale has words for: a schema's
 * stray text (zod's English defaults, a typo) must never reach the screen as a raw key.
 */
function isAreaErrorKey(message: string): boolean {
  return /^[a-zA-Z]+\.errors\.[a-zA-Z0-9_.]+$/.test(message) && hasJapaneseLabel(message);
}

/** Turns a zod issue into a field issue whose message is an i18n key. */
export function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const params: Record<string, string | number> = {};
  if ('minimum' in issue && issue.minimum !== undefined) params.minimum = Number(issue.minimum);
  if ('maximum' in issue && issue.maximum !== undefined) params.maximum = Number(issue.maximum);
  if (issue.code === 'unrecognized_keys') params.keys = issue.keys.join(', ');
  let messageKey: string;
  if (issue.code === 'invalid_type' && issue.input === undefined) messageKey = 'validation.required';
  // A text field says one of two things whatever its schema declares (issue #9 item 13): not
  // given (undefined, or null from a blank control) → required; anything else that is not a
  // string (a number, an object, an array) → invalidType, never 「入力してください」 for a value sent.
  else if (issue.code === 'invalid_type' && issue.expected === 'string') messageKey = issue.input === null ? 'validation.required' : 'validation.invalidType';
  else if (issue.message.startsWith('validation.') || issue.message.startsWith('errors.') || isAreaErrorKey(issue.message)) messageKey = issue.message;
  // A record's key refused (a header naming a 個人番号 as a mapping key): say why, as for a value.
  else if (issue.code === 'invalid_key' && issue.issues[0]?.message.startsWith('validation.')) messageKey = issue.issues[0].message;
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

/**
 * The field issues of a failed parse. Zod runs a string's checks even on a value that is no
 * string (`[]` has a length of 0, so `.min(1)` says 「入力してください」 beside 「形式が正しくありません」):
 * where a value is of the wrong type, that is the one thing said about it.
 */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  const wrongType = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => JSON.stringify(i.path.map(String))));
  return issues.filter((i) => i.code === 'invalid_type' || !wrongType.has(JSON.stringify(i.path.map(String)))).map(toFieldIssue);
}
