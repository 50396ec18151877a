import type { Failure } from '../../db/contract';
import { OutputNotice, exportOutcome, printOutcome, useOutput } from './output';

type PrintResult = { ok: true; data: { savedTo: string | null } } | Failure;
type ExportResult = { ok: true; data: { savedTo: string | null; rowCount: number } } | Failure;

interface OutputButtonsProps {
  /** The list's CSV: the api call with the list's filters and order (re-auth and the bulk reason are asked by the api client). */
  exportCsv(): Promise<ExportResult>;
  /** The list on paper or as a PDF. */
  printList(target: 'printer' | 'pdf'): Promise<PrintResult>;
  labels: { csv: string; print: string; pdf: string };
  /** `<testId>-export`, `-print`, `-pdf`, and `-output` for the notice. */
  testId: string;
}

/** CSV出力 / 印刷 / PDF保存 of a list, one at a time, then where the file went (OutputNotice). */
export function OutputButtons({ exportCsv, printList, labels, testId }: OutputButtonsProps) {
  const output = useOutput();
  const print = (target: 'printer' | 'pdf') => output.run(async () => printOutcome(await printList(target), target));
  return (
    <>
      <div className="toolbar-group">
        <button type="button" onClick={() => void output.run(async () => exportOutcome(await exportCsv()))} disabled={output.busy} data-testid={`${testId}-export`}>
          {labels.csv}
        </button>
        <button type="button" onClick={() => void print('printer')} disabled={output.busy} data-testid={`${testId}-print`}>
          {labels.print}
        </button>
        <button type="button" onClick={() => void print('pdf')} disabled={output.busy} data-testid={`${testId}-pdf`}>
          {labels.pdf}
        </button>
      </div>
      <OutputNotice result={output.result} testId={`${testId}-output`} />
    </>
  );
}
