import { describe, expect, it } from 'vitest';
import { retentionParts, retentionProblem, retentionWords } from '../../db/contract/retention';
import { fieldLabel } from '../../db/features/holdings/print/labels';
import { japaneseRetention } from '../../db/ledger/columns';
import { retentionInputOf, retentionValueOf } from '../../renderer/components/RetentionField';
import { common as en } from '../../renderer/i18n/en/common';

/** 保存期限 as one text (db/contract/retention.ts), the form's three inputs, and its words. */
describe('保存期限 (retention)', () => {
  it('reads the three stored forms, and none', () => {
    expect(retentionParts('2031-03-31')).toEqual({ kind: 'date', date: '2031-03-31' });
    expect(retentionParts('permanent')).toEqual({ kind: 'permanent' });
    expect(retentionParts('P5Y')).toEqual({ kind: 'years', years: 5 });
    expect(retentionParts(null)).toBeNull();
    expect(retentionParts('永遠')).toBeUndefined();
  });

  it('names what is wrong: not a form, years out of 1–99, or a day that does not exist', () => {
    expect(retentionProblem('P99Y')).toBeNull();
    expect(retentionProblem('永遠')).toBe('validation.invalidRetention');
    for (const years of ['P0Y', 'P100Y', 'P007Y']) expect(retentionProblem(years), years).toBe('validation.retentionYears');
    expect(retentionProblem('2027-02-29')).toBe('validation.invalidDate');
  });

  it('sends what the form shows: an empty date is none, years as typed in any width, else main explains', () => {
    expect(retentionValueOf({ kind: 'date', date: '', years: '' })).toBeNull();
    expect(retentionValueOf({ kind: 'date', date: '2031-03-31', years: '7' })).toBe('2031-03-31');
    expect(retentionValueOf({ kind: 'permanent', date: '2031-03-31', years: '' })).toBe('permanent');
    for (const typed of ['5', '５', ' 5 ', '5年', '５年間']) expect(retentionValueOf({ kind: 'years', date: '', years: typed }), typed).toBe('P5Y');
    // Not a number: main answers with the range of years beside the field.
    for (const typed of ['', '五', '1.5']) expect(retentionProblem(retentionValueOf({ kind: 'years', date: '', years: typed })!), typed).toBe('validation.retentionYears');
    expect(retentionValueOf({ kind: 'years', date: '', years: '100' })).toBe('P100Y');
    for (const value of ['2031-03-31', 'permanent', 'P30Y', null]) expect(retentionValueOf(retentionInputOf(value))).toBe(value);
  });

  it('says each form in one word on paper and CSV, and the screen’s languages the same way', () => {
    expect(['permanent', 'P5Y', '2031-03-31', null].map((v) => japaneseRetention(v))).toEqual(['永年', '5年', '2031-03-31', '']);
    const english = (value: string) => retentionWords(value, { text: (key, params) => en.retention[key.split('.')[1] as 'permanent' | 'years'].replace('{{years}}', String(params?.years)), formatDate: (d) => d });
    expect([english('permanent'), english('P5Y')]).toEqual(['Permanent', '5 years']);
    // A history row from before 保存期限 took 永年 names its field the way it is called now.
    expect(fieldLabel('retentionUntil')).toBe('保存期限');
  });
});
