import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../db/contract/disposalAttachments';
import { attachmentLimits, type AttachmentKind } from '../../../db/contract/disposalValues';
import { useApi } from '../../api';
import { FormFailure, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';

/**
 * The attachments panel's dialogs: adding a file (main shows the open dialog and reads the file;
 * the renderer only sends the kind and the caption, issue #11 item 2), removing one after a
 * confirmation, and a photo shown large.
 */

/** 写真を追加 / 証明書を追加: an optional caption, then main's file dialog. A cancelled dialog leaves this one open. */
export function AddAttachmentDialog({ disposalId, kind, onClose, onAdded }: { disposalId: number; kind: AttachmentKind; onClose(): void; onAdded(a: Attachment): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [caption, setCaption] = useState('');
  const add = () =>
    submit.run(
      () => api('disposal.attachments.add', { disposalId, kind, caption }),
      (data) => {
        if (data.attachment) onAdded(data.attachment);
      },
    );
  const title = kind === 'photo' ? t('disposalVerify.attachments.addTitlePhoto') : t('disposalVerify.attachments.addTitleCertificate');
  return (
    <Modal title={title} onClose={onClose} testId="attachment-add-dialog">
      <form onSubmit={submit.onSubmit(add)} noValidate>
        <FormFailure failure={submit.failure} fields={['caption']} />
        <p className="field-hint">{t('disposalVerify.attachments.addHint', { maxMb: attachmentLimits.maxBytes / (1024 * 1024) })}</p>
        <TextField label={t('disposalVerify.attachments.caption')} value={caption} onChange={setCaption} error={submit.issue('caption')} maxLength={200} testId="attachment-caption" />
        <div className="actions">
          <button type="submit" className="button-primary" disabled={submit.busy} data-testid="attachment-choose">
            {t('disposalVerify.attachments.chooseFile')}
          </button>
          <button type="button" onClick={onClose} data-testid="attachment-add-cancel">
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** 削除 after a confirmation: the row stays (who removed it, when); the bytes go. */
export function RemoveAttachmentDialog({ attachment, onClose, onRemoved }: { attachment: Attachment; onClose(): void; onRemoved(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const remove = () => submit.run(() => api('disposal.attachments.remove', { attachmentId: attachment.id }), onRemoved);
  return (
    <Modal title={t('disposalVerify.attachments.removeTitle')} onClose={onClose} testId="attachment-remove-dialog">
      <FormFailure failure={submit.failure} />
      <p>{t('disposalVerify.attachments.removeConfirm', { fileName: attachment.fileName })}</p>
      <div className="actions">
        <button type="button" className="button-danger" onClick={() => void remove()} disabled={submit.busy} data-testid="attachment-remove-confirm">
          {t('disposalVerify.attachments.remove')}
        </button>
        <button type="button" onClick={onClose} data-testid="attachment-remove-cancel">
          {t('common.cancel')}
        </button>
      </div>
    </Modal>
  );
}

/** A photo (or an image scan) shown large; the bytes come from main as base64, shown as a data: URL (CSP img-src data:). */
export function LargeImageDialog({ attachment, onClose }: { attachment: Attachment; onClose(): void }) {
  const { t } = useTranslation();
  const image = useLoad('disposal.attachments.image', { attachmentId: attachment.id, size: 'large' });
  return (
    <Modal title={attachment.caption || attachment.fileName} onClose={onClose} testId="attachment-large" wide>
      <FormFailure failure={image.failure} />
      {image.data ? (
        <img className="attachment-large" src={`data:${image.data.mime};base64,${image.data.base64}`} width={image.data.width} height={image.data.height} alt={attachment.caption || attachment.fileName} data-testid="attachment-large-image" />
      ) : (
        !image.failure && <p className="muted">{t('disposalVerify.attachments.loadingImage')}</p>
      )}
      <p className="field-hint">{attachment.fileName}</p>
    </Modal>
  );
}
