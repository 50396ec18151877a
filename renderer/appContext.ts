import { createContext, useCallback, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission, SessionInfo } from '../db/contract';
import { defaultTimeZone } from '../db/contract/timeZone';
import { formatDateLike, formatDay, formatInstant, formatLocalDate, todayIn, type DateDisplay, type DateFormatOptions } from './format/dates';

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

export interface DateSettings {
  display: DateDisplay;
  /** The organisation's IANA zone (session.timeZone): every date shown is a day there. */
  timeZone: string;
}

/** Outside a session (login, setup) dates are Gregorian, in the default zone. */
export const DateSettingsContext = createContext<DateSettings>({ display: 'gregorian', timeZone: defaultTimeZone });

export interface Formatters {
  date(value: string | null | undefined): string;
  instant(value: string | null | undefined): string;
  dateLike(value: string | null | undefined): string;
  /** The calendar day of an instant, as the office reads it: 2026年11月22日. */
  day(value: string | null | undefined): string;
  /** Today as YYYY-MM-DD in the organisation's zone (date inputs' defaults). */
  today(): string;
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const { display, timeZone } = useContext(DateSettingsContext);
  const locale = i18n.language;
  return useMemo(() => {
    const opts: DateFormatOptions = { locale, display, timeZone };
    return {
      date: (v) => formatLocalDate(v, opts),
      instant: (v) => formatInstant(v, opts),
      dateLike: (v) => formatDateLike(v, opts),
      day: (v) => formatDay(v, opts),
      today: () => todayIn(timeZone),
    };
  }, [locale, display, timeZone]);
}
