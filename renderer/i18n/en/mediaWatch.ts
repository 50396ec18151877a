/** English: media register — home cards, overdue / unseen / missing, the backup-medium rule (issue #10 items 4 and 6). Pure data, no imports. */
export const mediaWatch = {
  mediaHome: {
    overdue: { title: 'Overdue take-outs', hint: 'Media taken out and past their due-back date. Ask who took them out.' },
    awaitingDecision: { title: 'Take-outs awaiting approval', hint: 'Take-out requests you may approve or refuse (not your own).' },
    missing: { title: 'Missing media', hint: 'Media marked missing. Search for them and report an incident if they are not found.' },
    unseen: { title: 'Media not inspected', hint: 'Media in storage not seen by an inventory (before the first one: since registration) for longer than the interval in Settings.' },
    backupBesideTerminal: { title: 'Backup media in the server room', hint: 'Backup media kept at a place in the same room as this terminal (the server room). Keep them elsewhere.' },
  },
  mediaWatch: {
    filterUnseenSince: 'Not seen by an inventory since',
    filterBesideTerminal: 'Backups in the server room',
    filterAwaitingMyDecision: 'Requests I may decide',
    besideTerminal: 'Same room as this terminal (server room)',
    besideTerminalHint: 'A place in the same room as the server or this terminal. Backup media kept here are flagged (keep backups apart).',
    besideTerminalMark: 'Same room',
    setBesideTerminal: 'Mark as same room',
    unsetBesideTerminal: 'Not the same room',
    besideTerminalChanged: 'The room of storage location "{{name}}" was changed.',
    backupBesideTerminalMark: 'In the server room',
    backupBesideTerminalWarning: 'This backup medium is kept at a place in the same room as this terminal (the server room). Keep it elsewhere, so a fire or accident cannot destroy both the medium and the server.',
    backupMedium: 'Medium (media register)',
    backupMediumNone: 'No registered medium (type below)',
    backupMediumHint: 'Choose a backup medium from the media register: its number and place are recorded.',
    errors: {
      unknownMedium: 'The chosen medium is not in the media register.',
      notBackupMedium: '{{mediaNo}} is not registered as a backup medium.',
      mediumUnavailable: '{{mediaNo}} is retired, disposed of or missing and cannot be chosen.',
    },
  },
};
