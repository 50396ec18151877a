/**
 * Roles and what they may do: the one permission matrix of the app (domain.md "Roles",
 * MIC §3–§6, METI §5). The main process enforces it on every IPC call; the renderer reads
 * it only to hide buttons a user could not use anyway.
 */
export const roles = ['chief', 'manager', 'officer', 'clerk', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  // Organisation and accounts
  'users.view',
  'users.manage',
  'departments.manage',
  'settings.manage',
  'keys.manage',
  'backup.manage',
  // Access records (MIC §21)
  'audit.view',
  'audit.review',
  // Exports above the bulk threshold (MIC §22)
  'export.bulk',
  // 保有個人情報等台帳 (MIC §14, §28)
  'holdings.read',
  'holdings.write',
  'holdings.verify',
  'holdings.categorize',
  // Ending a holding cannot be undone: 保護管理者 or above (domain.md "Roles"; clerks keep drafts)
  'holdings.retire',
  // 媒体管理 (MIC §10, §12, §42)
  'media.read',
  'media.request',
  'media.approve',
  'media.master',
  'media.inventory',
  // 廃棄・消去 (MIC §13)
  'disposal.read',
  'disposal.write',
  'disposal.approve',
  'disposal.print',
  // 取扱区域の入退室 (MIC §19, §35)
  'areas.read',
  'areas.log',
  'areas.grant',
] as const;
export type Permission = (typeof permissions)[number];

const clerk: Permission[] = [
  'holdings.read',
  'holdings.write',
  'media.read',
  'media.request',
  'disposal.read',
  'disposal.write',
  'areas.read',
  'areas.log',
];
const officer: Permission[] = [...clerk, 'holdings.verify', 'media.master', 'media.inventory'];
const manager: Permission[] = [
  ...officer,
  'users.view',
  'audit.view',
  'audit.review',
  'export.bulk',
  'holdings.categorize',
  'holdings.retire',
  'media.approve',
  'disposal.approve',
  'disposal.print',
  'areas.grant',
];
// The auditor reads everything, including the access log, and records reviews; never edits.
const auditor: Permission[] = [
  'users.view',
  'audit.view',
  'audit.review',
  'export.bulk',
  'holdings.read',
  'media.read',
  'disposal.read',
  'areas.read',
];

export const permissionMatrix: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  chief: new Set(permissions),
  manager: new Set(manager),
  officer: new Set(officer),
  clerk: new Set(clerk),
  auditor: new Set(auditor),
};

export function can(role: Role, permission: Permission): boolean {
  return permissionMatrix[role].has(permission);
}

/** Whose records a role sees: the whole organisation, or its own department (課等). */
export function roleScope(role: Role): 'organization' | 'department' {
  return role === 'chief' || role === 'auditor' ? 'organization' : 'department';
}
