/** English: unsaved input kept across the lock, and the countdown before the idle lock. Pure data, no imports. */
export const drafts = {
  drafts: {
    offerTitle: 'Restore your input',
    offer: 'Input from before the lock is still here. Restore it?',
    offerForm: '{{form}} (kept at {{at}})',
    restore: 'Restore',
    discard: 'Discard',
    gone: 'This input has already been restored or discarded.',
    restored: 'Your input from before the lock is back. Check it before you save.',
    droppedOnRestore: 'Fields that contained an individual number (My Number) were not kept and are not restored: {{fields}}',
    droppedNow: 'Fields containing an individual number (My Number) are not kept if the screen locks: {{fields}}',
    fieldSeparator: ', ',
    notKept: 'This input is too large to be kept if the screen locks.',
    forms: {
      holdings_create: 'New entry in the personal information ledger',
      holdings_edit: 'Editing an entry of the personal information ledger',
      media_create: 'New medium in the media register',
      media_edit: 'Editing a medium in the media register',
      disposal_create: 'New disposal record',
      disposal_edit: 'Editing a disposal record',
    },
  },
  idleWarning: {
    title: 'The screen is about to lock',
    countdown: 'No activity: the screen locks in {{seconds}} seconds',
    hint: 'Press a key or click to keep working.',
    draftKept: 'Your unsaved input is kept and can be restored after unlocking.',
    continue: 'Keep working',
  },
};
