/** Photos and scans of a disposal record (issue #11 item 2): words and errors (pure data). */
export const disposalAttachments = {
  disposalAttachments: {
    kind: '種別',
    kinds: { photo: '写真', certificate: '委託先の証明書' },
    sha256: 'ファイルのハッシュ値（SHA-256）',
    size: 'ファイルの大きさ（バイト）',
    tamperName: '廃棄・消去記録の写真・証明書',
    errors: {
      notDraft: '作成中の記録ではないため、写真・証明書を追加・削除できません。承認待ちや承認済みの記録は変更できません（承認後の訂正は「訂正」で行ってください）。',
      tooMany: '1件の記録に添付できるファイルは {{maximum}} 個までです。不要なものを削除してから追加してください。',
      emptyFile: 'ファイルが空です（0バイト）。別のファイルを選んでください。何も保存していません。',
      tooLarge: 'ファイルが大きすぎます（{{size}} MB）。添付できるのは {{maximum}} MB までです。解像度を下げるか、ページを分けてから追加してください。何も保存していません。',
      fileNameTooLong: 'ファイル名が長すぎます（{{maximum}} 文字まで）。名前を短くしてから、もう一度選んでください。何も保存していません。',
      unsupportedContent: 'このファイルの内容は {{content}} 形式です。添付できるのは JPEG・PNG の画像と PDF だけです。何も保存していません。',
      unknownContent: 'このファイルの内容は JPEG・PNG・PDF のいずれでもありません。添付できるのはこの3つの形式だけです。何も保存していません。',
      nameMismatch: 'ファイル名（{{extension}}）と内容（{{content}}）の形式が一致しません。名前が書き換えられたファイルは添付できません。内容どおりの拡張子のファイルを選んでください。何も保存していません。',
      photoNotImage: '写真として添付できるのは JPEG・PNG の画像だけです。PDF は「委託先の証明書」として追加してください。何も保存していません。',
      damagedImage: '画像が壊れているか、途中で切れているため読み取れません。元のファイルをもう一度取り込んでから追加してください。何も保存していません。',
      tooManyPixels: '画像の画素数が多すぎます（{{maximum}} メガピクセルまで）。解像度を下げてから追加してください。何も保存していません。',
      unreadable: 'ファイルを読み取れません。選んだ後に移動・削除されたか、USBメモリが抜かれたか、読む権限がない可能性があります。もう一度選んでください。何も保存していません。',
      removed: 'この添付ファイルは削除済みです。',
      noImage: 'PDF には表示用の画像がありません。「保存」でファイルを開いてください。',
    },
  },
} as const;
