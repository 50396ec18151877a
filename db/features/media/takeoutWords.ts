import { takeoutSafeguards, type Takeout } from '../../contract';
import { japaneseLabel, japaneseLabels } from '../../print/labels';

/** A take-out's words that the 持出管理簿's CSV and its paper list both write, said once (takeoutCsv.ts, print/takeoutList.ts). */
const safeguardWords = japaneseLabels('mediaSafeguards', takeoutSafeguards);

/** The safeguards promised, in the form's order: 暗号化、施錠容器 … */
export function safeguardsText(t: Pick<Takeout, 'safeguards'>): string {
  return takeoutSafeguards.filter((s) => t.safeguards[s]).map((s) => safeguardWords[s]).join('、');
}

/** 〇 / × of a return check; empty before the return. */
export function checkMark(value: boolean | null): string {
  return value === null ? '' : japaneseLabel(`mediaOutput.print.${value ? 'done' : 'notDone'}`);
}
