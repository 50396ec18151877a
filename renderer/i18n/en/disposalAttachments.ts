/** Photos and scans of a disposal record (issue #11 item 2): words and errors (pure data). */
export const disposalAttachments = {
  disposalAttachments: {
    kind: 'Kind',
    kinds: { photo: 'Photo', certificate: "Contractor's certificate" },
    sha256: 'File hash (SHA-256)',
    size: 'File size (bytes)',
    tamperName: "Disposal records' photos and certificates",
    errors: {
      notDraft: 'This record is not a draft, so photos and certificates cannot be added or removed. Records awaiting approval and approved records cannot change (fix an approved record with "Correct").',
      tooMany: 'A record can hold at most {{maximum}} files. Remove one you do not need first.',
      emptyFile: 'The file is empty (0 bytes). Choose another file. Nothing was saved.',
      tooLarge: 'The file is too large ({{size}} MB). Files up to {{maximum}} MB can be attached. Lower the resolution or split the pages, then add it again. Nothing was saved.',
      fileNameTooLong: 'The file name is too long (at most {{maximum}} characters). Shorten it and choose the file again. Nothing was saved.',
      unsupportedContent: 'This file contains {{content}} data. Only JPEG and PNG images and PDF files can be attached. Nothing was saved.',
      unknownContent: 'This file is neither JPEG, PNG nor PDF. Only these three formats can be attached. Nothing was saved.',
      nameMismatch: 'The file name ({{extension}}) does not match its content ({{content}}). A renamed file cannot be attached; choose a file whose extension matches its content. Nothing was saved.',
      photoNotImage: 'A photo must be a JPEG or PNG image. Add a PDF as the contractor\'s certificate. Nothing was saved.',
      damagedImage: 'The image is damaged or cut off and cannot be read. Copy it from the camera again, then add it. Nothing was saved.',
      tooManyPixels: 'The image has too many pixels (at most {{maximum}} megapixels). Lower its resolution, then add it. Nothing was saved.',
      unreadable: 'The file cannot be read: it may have been moved or deleted after it was chosen, the USB stick removed, or permission denied. Choose it again. Nothing was saved.',
      removed: 'This attachment has been removed.',
      noImage: 'A PDF has no image to show. Use Save to open the file.',
    },
  },
};
