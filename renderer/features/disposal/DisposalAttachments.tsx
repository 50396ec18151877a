import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Disposal } from '../../../db/contract/disposal';
import type { Attachment } from '../../../db/contract/disposalAttachments';
import { isEditableDisposal, type AttachmentKind } from '../../../db/contract/disposalValues';
import { useApi } from '../../api';
import { useCan, useFormat } from '../../appContext';
import { OutputNotice, useOutput } from '../../components/output';
import { useLoad } from '../../useLoad';
import { AddAttachmentDialog, LargeImageDialog, RemoveAttachmentDialog } from './AttachmentDialogs';

interface DisposalAttachmentsProps {
  disposal: Disposal;
  attachments: Attachment[];
  onChanged(): void;
}

type Dialog = { kind: 'add'; attachmentKind: AttachmentKind } | { kind: 'remove' | 'large'; attachment: Attachment };

/**
 * 写真・証明書 of a disposal record (issue #11 item 2; MIC §13: outsourced work is proven by a
 * certificate with photos). Two groups, each file a thumbnail made by main; the renderer never
 * sees a path, only the bytes it shows. Files change only while the record is a draft.
 */
export function DisposalAttachments({ disposal, attachments, onChanged }: DisposalAttachmentsProps) {
  const { t } = useTranslation();
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const output = useOutput();
  const editable = isEditableDisposal(disposal.status) && can('disposal.write');
  const current = attachments.filter((a) => a.removedAt === null);
  const photos = current.filter((a) => a.kind === 'photo');
  const certificates = current.filter((a) => a.kind === 'certificate');
  const changed = (message: string) => {
    setDialog(null);
    setNotice(message);
    onChanged();
  };
  const groupProps = { editable, onDialog: setDialog, output };

  return (
    <section className="subpanel disposal-attachments" data-testid="disposal-attachments">
      <h2>{t('disposalVerify.attachments.title')}</h2>
      <ContractorRule disposal={disposal} photos={photos.length} certificates={certificates.length} />
      {!isEditableDisposal(disposal.status) && can('disposal.write') && disposal.status !== 'cancelled' && <p className="field-hint">{t('disposalVerify.attachments.draftOnly')}</p>}
      {notice && (
        <p className="notice" role="status" data-testid="attachment-notice">
          {notice}
        </p>
      )}
      <OutputNotice result={output.result} testId="attachment-saved" />
      <AttachmentGroup kind="photo" title={t('disposalVerify.attachments.photos')} addLabel={t('disposalVerify.attachments.addPhoto')} items={photos} {...groupProps} />
      <AttachmentGroup kind="certificate" title={t('disposalVerify.attachments.certificates')} addLabel={t('disposalVerify.attachments.addCertificate')} items={certificates} {...groupProps} />
      {dialog?.kind === 'add' && (
        <AddAttachmentDialog
          disposalId={disposal.id}
          kind={dialog.attachmentKind}
          onClose={() => setDialog(null)}
          onAdded={(a) => changed(t('disposalVerify.attachments.added', { fileName: a.fileName }))}
        />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveAttachmentDialog
          attachment={dialog.attachment}
          onClose={() => setDialog(null)}
          onRemoved={() => changed(t('disposalVerify.attachments.removed', { fileName: dialog.attachment.fileName }))}
        />
      )}
      {dialog?.kind === 'large' && <LargeImageDialog attachment={dialog.attachment} onClose={() => setDialog(null)} />}
    </section>
  );
}

/** MIC §13: work done at a contractor's is approved only with a photo and the contractor's certificate (main checks it on approval). */
function ContractorRule({ disposal, photos, certificates }: { disposal: Disposal; photos: number; certificates: number }) {
  const { t } = useTranslation();
  if (disposal.placeKind !== 'contractor' || !isEditableDisposal(disposal.status)) return null;
  const missing = [
    ...(photos === 0 ? [t('disposalVerify.attachments.missingPhoto')] : []),
    ...(certificates === 0 && disposal.contractorCertificateNo.trim() === '' ? [t('disposalVerify.attachments.missingCertificate')] : []),
  ];
  return (
    <div className={`alert ${missing.length ? 'alert-warning' : 'alert-info'}`} data-testid="attachment-contractor-rule">
      <p>{t('disposalVerify.attachments.contractorRule')}</p>
      {missing.length > 0 && (
        <ul>
          {missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface GroupProps {
  kind: AttachmentKind;
  title: string;
  addLabel: string;
  items: Attachment[];
  editable: boolean;
  onDialog(d: Dialog): void;
  output: ReturnType<typeof useOutput>;
}

function AttachmentGroup({ kind, title, addLabel, items, editable, onDialog, output }: GroupProps) {
  const { t } = useTranslation();
  return (
    <div className="attachment-group" data-testid={`attachments-${kind}`}>
      <div className="attachment-group-heading">
        <h3>{title}</h3>
        {editable && (
          <button type="button" onClick={() => onDialog({ kind: 'add', attachmentKind: kind })} data-testid={`attachment-add-${kind}`}>
            {addLabel}
          </button>
        )}
      </div>
      {items.length === 0 ? (
        <p className="muted">{t('disposalVerify.attachments.none')}</p>
      ) : (
        <ul className="attachment-list">
          {items.map((a) => (
            <AttachmentItem key={a.id} attachment={a} editable={editable} onDialog={onDialog} output={output} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AttachmentItem({ attachment: a, editable, onDialog, output }: { attachment: Attachment; editable: boolean; onDialog(d: Dialog): void; output: ReturnType<typeof useOutput> }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const save = () =>
    output.run(async () => {
      const r = await api('disposal.attachments.save', { attachmentId: a.id });
      if (!r.ok) return { kind: 'failed', failure: r };
      return r.data.savedTo ? { kind: 'saved', path: r.data.savedTo } : { kind: 'notSaved' };
    });
  return (
    <li className="attachment-item" data-testid={`attachment-${a.id}`}>
      <Thumbnail attachment={a} onOpen={() => onDialog({ kind: 'large', attachment: a })} />
      <div className="attachment-facts">
        <p className="attachment-name" data-testid="attachment-name">
          {a.fileName} <span className="muted">{fileSize(t, a.size)}</span>
        </p>
        {a.caption && <p className="prewrap">{a.caption}</p>}
        <p className="muted">{t('disposalVerify.attachments.addedBy', { name: a.addedByName, at: fmt.instant(a.addedAt) })}</p>
        <div className="toolbar-group">
          <button type="button" className="button-small" onClick={() => void save()} disabled={output.busy} data-testid="attachment-save">
            {t('disposalVerify.attachments.save')}
          </button>
          {editable && (
            <button type="button" className="button-small button-danger" onClick={() => onDialog({ kind: 'remove', attachment: a })} data-testid="attachment-remove">
              {t('disposalVerify.attachments.remove')}
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

/** A PDF has no picture here (main makes none): a PDF mark; an image, main's thumbnail, which opens the large image. */
function Thumbnail({ attachment: a, onOpen }: { attachment: Attachment; onOpen(): void }) {
  const { t } = useTranslation();
  const image = useLoad('disposal.attachments.image', a.mime === 'application/pdf' ? null : { attachmentId: a.id, size: 'thumbnail' });
  if (a.mime === 'application/pdf') {
    return (
      <span className="attachment-thumb attachment-pdf" aria-hidden="true">
        {t('disposalVerify.attachments.pdfMark')}
      </span>
    );
  }
  return (
    <button type="button" className="attachment-thumb" onClick={onOpen} aria-label={t('disposalVerify.attachments.open', { fileName: a.fileName })} data-testid="attachment-thumb">
      {image.data ? <img src={`data:${image.data.mime};base64,${image.data.base64}`} width={image.data.width} height={image.data.height} alt="" /> : <span className="muted">…</span>}
    </button>
  );
}

function fileSize(t: ReturnType<typeof useTranslation>['t'], bytes: number): string {
  if (bytes < 1024 * 1024) return t('disposalVerify.attachments.sizeKb', { value: Math.max(1, Math.round(bytes / 1024)).toLocaleString('ja-JP') });
  return t('disposalVerify.attachments.sizeMb', { value: (bytes / (1024 * 1024)).toFixed(1) });
}
