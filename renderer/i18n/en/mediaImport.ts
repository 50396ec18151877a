/** English counterpart of ja/mediaImport.ts. */
export const mediaImport = {
  mediaImport: {
    errors: {
      checkedOut: 'A medium "Taken out" cannot be imported. Import it as "In storage", then record the take-out through its request and approval (a take-out needs both on record).',
      lastSeenBeforeRegistered: 'The last-seen date is before the registration date ({{registeredAt}}). A row with no registration date is registered today.',
      noNumberingRule: '{{department}} has no numbering rule for "{{type}}". Write the number in the file, or set a numbering rule before importing.',
    },
  },
};
