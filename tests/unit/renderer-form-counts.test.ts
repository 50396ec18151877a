import { describe, expect, it } from 'vitest';
import { parseCount } from '../../renderer/features/holdings/formState';

/** How the form reads a count before main checks it: main's refusal must name the real problem. */
describe('counts typed into the holding form', () => {
  it('reads full-width digits and thousands separators as the number', () => {
    expect(parseCount('１，２００')).toBe(1200);
    expect(parseCount(' 3,000 ')).toBe(3000);
    expect(parseCount('')).toBeNull();
  });

  it('keeps a negative number a number (main answers 0以上), whichever minus was typed', () => {
    expect(parseCount('-3')).toBe(-3);
    expect(parseCount('－３')).toBe(-3);
    expect(parseCount('ー3')).toBe(-3);
  });

  it('sends other text as it is, so main refuses it beside the field as not a number', () => {
    expect(parseCount('約800')).toBe('約800');
    expect(parseCount('千人')).toBe('千人');
  });
});
