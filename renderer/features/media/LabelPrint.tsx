import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isClosedMediumStatus, type MediaStatus, type MediaType } from '../../../db/contract/mediaValues';
import { labelGrid, labelLayouts, labelSlots, maxLabelMedia, type LabelLayout, type LabelSheetKind } from '../../../db/contract/mediaLabelValues';
import { useApi } from '../../api';
import type { Column } from '../../components/DataTable';
import { Modal } from '../../components/Modal';
import { OutputNotice, printOutcome, useOutput } from '../../components/output';

/**
 * ラベル印刷 (issue #10 item 2): stickers on an A4 12面 or 24面 sheet, or 背表紙ラベル of 簿冊, for
 * the media chosen on the list (checkboxes) or the one open on the detail. The start position is
 * picked on a picture of the sheet, so a half-used sheet goes back into the printer. Main checks
 * which media the user may see and logs the print.
 */
export interface LabelMedium {
  id: number;
  mediaNo: string;
  type: MediaType;
}

/** Media chosen on the list, kept across pages and sorts (by id). */
export function useLabelSelection() {
  const [selected, setSelected] = useState<ReadonlyMap<number, LabelMedium>>(new Map());
  const toggle = useCallback((m: LabelMedium) => {
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(m.id)) next.delete(m.id);
      else next.set(m.id, { id: m.id, mediaNo: m.mediaNo, type: m.type });
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Map()), []);
  return { selected, toggle, clear };
}

/** The sheet as a grid of buttons: positions before the start are used (blank), then the labels this print fills. */
function SheetPicker({ kind, start, count, onStart }: { kind: LabelSheetKind; start: number; count: number; onStart(n: number): void }) {
  const { t } = useTranslation();
  const { columns } = labelGrid[kind];
  const slots = labelSlots[kind];
  const positions = Array.from({ length: slots }, (_, i) => i + 1);
  const stateOf = (n: number) => (n < start ? 'used' : n < start + count ? 'filled' : 'free');
  const labelOf = { used: 'mediaLabels.positionUsed', filled: 'mediaLabels.positionFilled', free: 'mediaLabels.position' } as const;
  return (
    <div className={`label-sheet label-sheet-${kind}`} style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }} role="group" aria-label={t('mediaLabels.startPosition')} data-testid="label-sheet">
      {positions.map((n) => (
        <button
          key={n}
          type="button"
          className={`label-slot label-slot-${stateOf(n)}`}
          aria-pressed={n === start}
          aria-label={t(labelOf[stateOf(n)], { position: n })}
          onClick={() => onStart(n)}
          data-testid={`label-slot-${n}`}
        >
          {n}
        </button>
      ))}
    </div>
  );
}

function Choice<V extends string>({ legend, name, value, options, onChange }: { legend: string; name: string; value: V; options: { value: V; label: string; disabled?: boolean }[]; onChange(v: V): void }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="radio-line">
          <input type="radio" name={name} value={o.value} checked={value === o.value} disabled={o.disabled} onChange={() => onChange(o.value)} data-testid={`label-${name}-${o.value}`} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** What to print on: stickers on a 12面 or 24面 sheet, or 簿冊 spine labels (paper media only). */
function SheetChoice({ allPaper, kind, layout, onKind, onLayout }: { allPaper: boolean; kind: 'sticker' | 'spine'; layout: LabelLayout; onKind(k: 'sticker' | 'spine'): void; onLayout(l: LabelLayout): void }) {
  const { t } = useTranslation();
  return (
    <>
      <Choice
        legend={t('mediaLabels.kind')}
        name="kind"
        value={kind}
        onChange={onKind}
        options={[
          { value: 'sticker', label: t('mediaLabels.kindSticker') },
          { value: 'spine', label: t('mediaLabels.kindSpine'), disabled: !allPaper },
        ]}
      />
      {!allPaper && <p className="field-hint">{t('mediaLabels.spinePaperOnly')}</p>}
      {kind === 'sticker' ? (
        <Choice legend={t('mediaLabels.layout')} name="layout" value={layout} onChange={onLayout} options={labelLayouts.map((l) => ({ value: l, label: t(`mediaLabels.layout${l}`) }))} />
      ) : (
        <p className="field-hint">{t('mediaLabels.layoutSpine')}</p>
      )}
    </>
  );
}

export function LabelPrintDialog({ media, onClose }: { media: readonly LabelMedium[]; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const output = useOutput();
  const [kind, setKind] = useState<'sticker' | 'spine'>('sticker');
  const [layout, setLayout] = useState<LabelLayout>('12');
  const [start, setStart] = useState(1);
  const [target, setTarget] = useState<'pdf' | 'printer'>('pdf');
  const sheet: LabelSheetKind = kind === 'spine' ? 'spine' : layout;
  const tooMany = media.length > maxLabelMedia;
  // A smaller sheet keeps the start position on it.
  const changeSheet = (next: LabelSheetKind) => setStart((s) => Math.min(s, labelSlots[next]));

  const print = () =>
    output.run(async () => {
      const mediumIds = media.map((m) => m.id);
      const result = kind === 'spine' ? await api('media.printSpineLabels', { mediumIds, startPosition: start, target }) : await api('media.printLabels', { mediumIds, layout, startPosition: start, target });
      return printOutcome(result, target);
    });

  return (
    <Modal title={t('mediaLabels.dialogTitle')} onClose={onClose} testId="label-print" wide>
      <p className="field-hint">
        {t('mediaLabels.mediaCount', { count: media.length })}: <span className="monospace">{media.map((m) => m.mediaNo).join(t('common.listSeparator'))}</span>
      </p>
      {tooMany && (
        <p className="alert" role="alert">
          {t('mediaLabels.tooMany', { max: maxLabelMedia })}
        </p>
      )}
      <div className="label-print-grid">
        <div>
          <SheetChoice
            allPaper={media.length > 0 && media.every((m) => m.type === 'paper')}
            kind={kind}
            layout={layout}
            onKind={(k) => {
              setKind(k);
              changeSheet(k === 'spine' ? 'spine' : layout);
            }}
            onLayout={(l) => {
              setLayout(l);
              changeSheet(l);
            }}
          />
          <Choice legend={t('mediaLabels.target')} name="target" value={target} onChange={(v: 'pdf' | 'printer') => setTarget(v)} options={[{ value: 'pdf', label: t('mediaLabels.toPdf') }, { value: 'printer', label: t('mediaLabels.toPrinter') }]} />
        </div>
        <fieldset>
          <legend>{t('mediaLabels.startPosition')}</legend>
          <p className="field-hint">{t('mediaLabels.startHint', { position: start })}</p>
          <SheetPicker kind={sheet} start={start} count={media.length} onStart={setStart} />
        </fieldset>
      </div>
      {kind === 'sticker' && <p className="field-hint">{t('mediaLabels.codesNote')}</p>}
      <OutputNotice result={output.result} testId="label-print-output" />
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => void print()} disabled={output.busy || tooMany || media.length === 0} data-testid="label-print-submit">
          {t('mediaLabels.submit')}
        </button>
        <button type="button" onClick={onClose} data-testid="label-print-close">
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}

/** The detail's 「ラベル印刷」: the sticker (or 簿冊 spine label) of the medium open, as the 保護担当者 puts it on. */
export function PrintLabelButton({ medium }: { medium: LabelMedium }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="medium-print-label">
        {t('mediaLabels.print')}
      </button>
      {open && <LabelPrintDialog media={[medium]} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * The list's checkbox column (ラベル印刷 of several media). A click on the box chooses the medium
 * and does not open it (the row's own click opens the detail). A 廃止・廃棄済 medium has no box:
 * it gets no new label (main refuses it, db/features/media/labels.ts).
 */
export function labelSelectColumn<R extends LabelMedium & { status: MediaStatus }>(selection: ReturnType<typeof useLabelSelection>, label: (mediaNo: string) => string): Column<R, never> {
  return {
    id: 'select',
    header: '',
    className: 'cell-select',
    cell: (m) =>
      isClosedMediumStatus(m.status) ? null : (
        <input
          type="checkbox"
          checked={selection.selected.has(m.id)}
          onChange={() => selection.toggle(m)}
          onClick={(e) => e.stopPropagation()}
          aria-label={label(m.mediaNo)}
          data-testid={`medium-select-${m.mediaNo}`}
        />
      ),
  };
}
