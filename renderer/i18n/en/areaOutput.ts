/** Controlled areas and entry logs (issue #12): English words for renderer/i18n/ja/areaOutput.ts. */
export const areaOutput = {
  areaOutput: {
    book: {
      titleDay: 'Entry and exit log (daily)',
      titleMonth: 'Entry and exit log (monthly)',
      fileName: 'Entry and exit log',
      period: 'Period',
      noConditions: 'No conditions (all)',
      badge: 'Badge (returned)',
      devices: 'Devices and media in / out (inspection)',
      deviceIn: 'In',
      deviceOut: 'Out',
      approvedBy: 'Approved: {{name}}',
      confirmedBy: 'Confirmed: {{name}} ({{at}})',
      notConfirmed: 'Not confirmed',
      department: 'Department',
      empty: 'No entries or exits match.',
      legend: '※ marks a visit with an exception (described with its approver and confirmer in the exceptions column). An exit marked "Closed at day end" was closed at the end of the day with a reason.',
      confirmTitle: 'Checked by',
      confirmRole: 'Protection manager',
    },
    authorizationsCsv: {
      fileName: 'Area authorizations',
    },
  },
};
