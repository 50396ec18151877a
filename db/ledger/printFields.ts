import { formatDateWithWareki } from '../print/dates';
import { html, type SafeHtml } from '../print/layout';
import { definitionRow, definitionTable, listOrNone, none, textOrNone, yesNo } from '../print/parts';
import { japaneseRetention, type ColumnTable } from './columns';
import { japaneseLabel } from '../print/labels';

/**
 * A record's fields on paper, from its column table: the one label, and the value as its
 * kind prints (empty text as （記載なし）, yes/no as 該当/非該当, dates with 和暦, a choice as
 * its Japanese word). A template overrides the fields it shows its own way.
 */
export function fieldTable<F>(
  table: ColumnTable<F>,
  record: F,
  fields: readonly (keyof F & string)[],
  options: { timeZone: string; overrides?: Partial<Record<keyof F & string, SafeHtml>> },
): SafeHtml {
  return definitionTable(fields.map((field) => definitionRow(japaneseLabel(table[field].label), options.overrides?.[field] ?? printedValue(table, record, field, options.timeZone))));
}

function printedValue<F>(table: ColumnTable<F>, record: F, field: keyof F & string, timeZone: string): SafeHtml {
  const spec = table[field];
  const value = record[field] as unknown;
  switch (spec.kind) {
    case 'list':
      return listOrNone(value as string[]);
    case 'flag':
      return html`${yesNo(value === true)}`;
    case 'date':
      return value ? html`${formatDateWithWareki(String(value), timeZone)}` : none;
    case 'retention':
      return value ? html`${japaneseRetention(String(value), (date) => formatDateWithWareki(date, timeZone))}` : none;
    case 'integer':
      return value === null || value === undefined ? none : html`${Number(value).toLocaleString('ja-JP')}`;
    case 'reference':
      return textOrNone(spec.nameField ? String((record as Record<string, unknown>)[spec.nameField] ?? '') : '');
    case 'choice':
      return textOrNone(spec.words?.[String(value)] ?? String(value ?? ''));
    default:
      return textOrNone(value === null || value === undefined ? '' : String(value));
  }
}
