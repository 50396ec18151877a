import { roleScope } from '../../db/contract/permissions';
import { useSession } from '../appContext';
import { useLoad } from '../useLoad';

/**
 * The 課等 a user may file a record under: any active one for organisation-wide roles, else their
 * own (main checks again). The record's current 課等 stays a choice even when inactive or
 * another's, shown by `currentName`, so opening the form never silently moves the record.
 */
export function useDepartmentOptions(current: string, currentName: string) {
  const { session } = useSession();
  const departments = useLoad('departments.list', { includeInactive: false });
  const organizationWide = roleScope(session.role) === 'organization';
  const options = (departments.data ?? []).filter((d) => organizationWide || d.id === session.departmentId || String(d.id) === current).map((d) => ({ value: String(d.id), label: d.name }));
  if (!options.some((o) => o.value === current)) options.unshift({ value: current, label: currentName });
  return options;
}
