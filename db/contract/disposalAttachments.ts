import { z } from 'zod';
import { id, optionalText, reason } from './fields';
import type { ChannelSpec } from './channels';
import { attachmentKinds, attachmentMimes } from './disposalValues';

/**
 * Photos of destroyed media and the contractor's scanned certificate (issue #11 item 2; MIC §13
 * 写真等を付した消去及び廃棄を証明する書類). Main shows the open dialog and reads the file: the
 * renderer never gets a path, only the bytes it shows (a thumbnail or the large image, as base64).
 * The type is read from the content, the location (EXIF/XMP) removed, the size limited
 * (disposalValues.ts attachmentLimits). Only a 作成中 record's attachments change.
 */
export const attachmentSchema = z.strictObject({
  id: z.int(),
  disposalId: z.int(),
  kind: z.enum(attachmentKinds),
  fileName: z.string(),
  mime: z.enum(attachmentMimes),
  size: z.int(),
  sha256: z.string(),
  width: z.int().nullable(),
  height: z.int().nullable(),
  caption: z.string(),
  addedAt: z.string(),
  addedByName: z.string(),
  // A removed attachment keeps its row (who removed what, when); its bytes are gone.
  removedAt: z.string().nullable(),
  removedByName: z.string().nullable(),
});

export const attachmentImageSchema = z.strictObject({
  mime: z.enum(['image/jpeg', 'image/png']),
  // The image's bytes as base64 (shown as a data: URL; the renderer never reads a file).
  base64: z.string(),
  width: z.int(),
  height: z.int(),
});

export const disposalAttachmentChannels = {
  // Opens the file dialog in main; null when the user cancelled.
  'disposal.attachments.add': {
    input: z.strictObject({ disposalId: id, kind: z.enum(attachmentKinds, 'validation.invalidOption'), caption: optionalText(200) }),
    output: z.strictObject({ attachment: attachmentSchema.nullable() }),
    access: 'disposal.write',
  },
  'disposal.attachments.remove': {
    input: z.strictObject({ attachmentId: id, reason: reason.optional() }),
    output: attachmentSchema,
    access: 'disposal.write',
  },
  // A thumbnail (the list of photos) or the large image (a photo opened; a PDF has neither).
  'disposal.attachments.image': {
    input: z.strictObject({ attachmentId: id, size: z.enum(['thumbnail', 'large'], 'validation.invalidOption') }),
    output: attachmentImageSchema,
    access: 'disposal.read',
  },
  // The file as attached (without its location), saved where the user chooses: an audited export.
  'disposal.attachments.save': {
    input: z.strictObject({ attachmentId: id }),
    output: z.strictObject({ savedTo: z.string().nullable() }),
    access: 'disposal.read',
  },
} as const satisfies Record<string, ChannelSpec>;

export type Attachment = z.output<typeof attachmentSchema>;
export type AttachmentImage = z.output<typeof attachmentImageSchema>;
