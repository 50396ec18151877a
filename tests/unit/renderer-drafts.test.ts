import { describe, expect, it } from 'vitest';
import { mergeDraft } from '../../renderer/components/drafts';

/** A restored draft comes back from main, which got it from a renderer: the form takes only what fits. */
describe('mergeDraft', () => {
  const fresh = { name: '', count: '', approximate: false, items: [] as string[], retention: { kind: 'date', date: '', years: '' } };

  it('puts each restored field into the fresh form', () => {
    const values = { name: '転入届受付簿', count: '約1,200', approximate: true, items: ['氏名', '住所'], retention: { kind: 'years', years: '5' } };
    expect(mergeDraft(fresh, values)).toEqual({ ...values, retention: { kind: 'years', date: '', years: '5' } });
  });

  it('leaves out fields the form does not have and values of the wrong kind', () => {
    const values = { name: 42, approximate: 'yes', items: ['氏名', 3], retention: 'permanent', extra: 'x', __proto__: { polluted: true } };
    const merged = mergeDraft(fresh, values as Record<string, unknown>);
    expect(merged).toEqual(fresh);
    expect(Object.keys(merged)).toEqual(Object.keys(fresh));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
