import type { z } from 'zod';
import {
  can,
  channels,
  type ChannelName,
  type ChannelOutput,
  type ChannelSpec,
  type ErrorCode,
  type Failure,
  type Result,
} from '../contract';
import type { SenderInfo } from '../ports';
import { AppError } from '../core/appError';
import { endIfExpired, requireFreshReauth } from '../core/sessions';
import { inCallTurn } from '../core/sessionTurn';
import { toFieldIssues } from '../core/fieldIssues';
import { plainPayload } from './plainPayload';
import { asDamage } from '../store/damage';
import type { AppCore } from '../core/appCore';

/**
 * Every IPC call passes the same gates, in this order:
 * sender → channel → setup state → session → permission → input (zod) → re-authentication
 * → service → output (zod). The renderer is untrusted; nothing behind this point trusts it.
 */
export type Handler<C extends ChannelName> = (
  core: AppCore,
  input: z.output<(typeof channels)[C]['input']>,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

// Allowed before first-run setup.
const beforeSetup = new Set<string>(['app.status', 'setup.initialize', 'session.current', 'setup.restore.open', 'setup.restore.commit']);
// Allowed while the user must still replace an initial or reset password.
const duringPasswordChange = new Set<string>([
  'app.status',
  'session.current',
  'session.activity',
  'session.lock',
  'session.unlock',
  'auth.logout',
  'auth.changePassword',
]);
// Calls that do not count as the user being present (so polling cannot defeat auto-lock).
// A form's draft is sent by a timer and when the idle countdown starts: never a sign of the
// user, or the countdown itself would postpone the lock.
const notActivity = new Set<string>(['app.status', 'session.current', 'drafts.keep', 'drafts.clear']);

function failure(code: ErrorCode, extra: Partial<Omit<Failure, 'ok' | 'code'>> = {}): Failure {
  return { ok: false, code, messageKey: `errors.${code}`, ...extra };
}

export class Router {
  constructor(
    private readonly core: AppCore,
    private readonly handlers: Handlers,
    private readonly trustedOrigins: readonly string[],
  ) {}

  /** Only the app's own page may call (Electron checklist: validate the sender of every IPC message). */
  private isTrustedSender(sender: SenderInfo): boolean {
    const url = typeof sender?.frameUrl === 'string' ? sender.frameUrl : '';
    return this.trustedOrigins.some((origin) => url === origin || url.startsWith(`${origin}/`));
  }

  private checkAccess(name: ChannelName, spec: ChannelSpec): void {
    const core = this.core;
    if (!core.isSetUp() && !beforeSetup.has(name)) throw new AppError('NOT_SET_UP');
    if (spec.access === 'public') return;
    const session = core.requireSession();
    if (spec.access === 'locked') return;
    endIfExpired(core);
    if (session.locked) throw new AppError('SESSION_LOCKED');
    if (session.mustChangePassword && !duringPasswordChange.has(name)) {
      throw new AppError('PERMISSION_DENIED', undefined, undefined, 'errors.passwordChangeRequired');
    }
    if (spec.access !== 'session' && !can(session.role, spec.access)) throw new AppError('PERMISSION_DENIED');
  }

  /** Each call runs in the session's turn: once a lock or another login ends it, it writes nothing (sessionTurn.ts). */
  dispatch(channel: unknown, payload: unknown, sender: SenderInfo): Promise<Result<unknown>> {
    return inCallTurn(this.core, () => this.dispatchInTurn(channel, payload, sender));
  }

  private async dispatchInTurn(channel: unknown, payload: unknown, sender: SenderInfo): Promise<Result<unknown>> {
    try {
      if (!this.isTrustedSender(sender)) return failure('FORBIDDEN_SENDER');
      if (typeof channel !== 'string' || !Object.hasOwn(channels, channel)) return failure('UNKNOWN_CHANNEL');
      const name = channel as ChannelName;
      const spec: ChannelSpec = channels[name];
      this.checkAccess(name, spec);
      // Only plain data reaches a schema: a Date or a Map would pass a strict object (plainPayload.ts).
      const plain = plainPayload(payload);
      if ('issue' in plain) return failure('INVALID_INPUT', { issues: [plain.issue] });
      const parsed = spec.input.safeParse(plain.value, { reportInput: true });
      if (!parsed.success) {
        return failure('INVALID_INPUT', { issues: toFieldIssues(parsed.error.issues) });
      }
      if (spec.reauth) requireFreshReauth(this.core);
      const output = await this.run(name, spec, parsed.data);
      const session = this.core.session;
      if (session && !session.locked && !notActivity.has(name)) session.lastActivityAt = this.core.nowMs();
      const checked = spec.output.safeParse(output);
      if (!checked.success) {
        // A service returned something its contract does not allow: a bug, never shown as data.
        console.error(`daicho: output of ${name} does not match the contract`, checked.error.issues.slice(0, 3));
        return failure('INTERNAL');
      }
      return { ok: true, data: checked.data };
    } catch (raw) {
      // A damaged file says what to do (restore from a backup), never 予期しないエラー (issue #9, 7).
      const error = asDamage(raw);
      if (error instanceof AppError) {
        return {
          ok: false,
          code: error.code,
          messageKey: error.messageKey,
          ...(error.params ? { params: error.params } : {}),
          ...(error.issues ? { issues: error.issues } : {}),
        };
      }
      // Details stay in the main process's log; the renderer learns only that it failed.
      console.error('daicho: internal error', error);
      return failure('INTERNAL');
    }
  }

  private async run(name: ChannelName, spec: ChannelSpec, input: unknown): Promise<unknown> {
    const handler = this.handlers[name] as (core: AppCore, input: unknown) => unknown;
    if (!spec.readAudit) return await handler(this.core, input);
    // Reading personal data is recorded in the same transaction as the read (MIC §21).
    const action = spec.readAudit;
    return this.core.write((tx) => {
      const result = handler(this.core, input);
      if (result instanceof Promise) throw new Error(`${name}: audited reads must be synchronous`);
      const query = input as Record<string, unknown>;
      // A read of one record names it, so the access log can say which (管理番号 and name).
      const target = spec.readAuditTarget ? { targetType: spec.readAuditTarget.type, targetId: query[spec.readAuditTarget.idField] as number } : {};
      tx.audit({ action, ...target, detail: { query } });
      return result;
    });
  }
}
