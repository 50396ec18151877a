import { createContext, useCallback, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission, SessionInfo } from '../db/contract';
import { formatDateLike, formatInstant, formatLocalDate, type DateFormatOptions } from './format/dates';

/** The signed-in, unlocked session as the main frame sees it. */
export interface SessionContextValue {
  session: SessionInfo;
  /** After settings.update or a profile change: merge what changed into the session. */
  updateSession(patch: Partial<SessionInfo>): void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside the main frame');
  return ctx;
}

/** Hides what the role could not use anyway; main enforces the real check. */
export function useCan(): (permission: Permission) => boolean {
  const { session } = useSession();
  return useCallback((permission: Permission) => session.permissions.includes(permission), [session.permissions]);
}

/** The date display setting outside a session (login, setup) is Gregorian. */
export const DateDisplayContext = createContext<SessionInfo['dateDisplay']>('gregorian');

export interface Formatters {
  date(value: string | null | undefined): string;
  instant(value: string | null | undefined): string;
  dateLike(value: string | null | undefined): string;
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const display = useContext(DateDisplayContext);
  const locale = i18n.language;
  return useMemo(() => {
    const opts: DateFormatOptions = { locale, display };
    return {
      date: (v) => formatLocalDate(v, opts),
      instant: (v) => formatInstant(v, opts),
      dateLike: (v) => formatDateLike(v, opts),
    };
  }, [locale, display]);
}
