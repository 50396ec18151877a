import type { Backend } from '../../db/backend';
import type { AppEvent } from '../../db/contract';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * `window.api` for the browser host: the same shape as electron/preload.ts exposes
 * (DaichoApi), but wired through a Playwright binding to the backend's router in this Node
 * process. The page talks to the real router, with its sender check, validation and
 * permissions, and through it to the real encrypted database — never to a fake.
 */
export const invokeBinding = '__daichoInvoke';
export const emitFunction = '__daichoEmit';

type Names = { invoke: string; emit: string };

/**
 * Runs in the page before any of its scripts (an init script, which CSP does not govern).
 * Self-contained: Playwright sends this function's source text to the browser.
 *
 * The bridge passes every channel name through unfiltered. The preload's allow-list is a
 * convenience; the router is what refuses unknown channels, and end-to-end tests must reach
 * it to prove that.
 */
function installBridge(names: Names): void {
  const w = window as unknown as Record<string, unknown>;
  const subscriptions = new Set<{ listener: (event: unknown) => void }>();
  const api = Object.freeze({
    invoke(channel: unknown, input: unknown): Promise<unknown> {
      const send = w[names.invoke] as (channel: unknown, input: unknown) => Promise<unknown>;
      return send(channel, input);
    },
    // Each subscription is its own entry, so its unsubscribe removes exactly it (even when
    // the same function subscribed twice) — the mistake style.md warns about.
    onEvent(listener: (event: unknown) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      const entry = { listener };
      subscriptions.add(entry);
      return () => {
        subscriptions.delete(entry);
      };
    },
  });
  Object.defineProperty(window, 'api', { value: api, enumerable: true, writable: false, configurable: false });
  // Non-enumerable, so the app's own code never trips over it; only the host calls it.
  Object.defineProperty(window, names.emit, {
    enumerable: false,
    writable: false,
    configurable: false,
    value: (event: unknown) => {
      for (const entry of [...subscriptions]) {
        try {
          entry.listener(event);
        } catch (error) {
          console.error('daicho: event listener failed', error);
        }
      }
    },
  });
}

/**
 * Exposes the router to every frame of the context. The sender is the calling frame's URL,
 * as Electron's `event.senderFrame.url`, so a page from another origin is refused by the
 * router (FORBIDDEN_SENDER) even though it can reach the binding.
 */
export async function wireApi(context: BrowserContext, backend: Backend): Promise<void> {
  await context.exposeBinding(invokeBinding, (source, channel: unknown, payload: unknown) =>
    backend.dispatch(channel as string, payload, { frameUrl: source.frame.url() }),
  );
  await context.addInitScript(installBridge, { invoke: invokeBinding, emit: emitFunction } satisfies Names);
}

/** Pushes the backend's events into the app page, as Electron's webContents.send does. */
export function forwardEvents(backend: Backend, page: Page): () => void {
  return backend.onEvent((event: AppEvent) => {
    page
      .evaluate(
        ({ name, event }) => {
          const emit = (window as unknown as Record<string, ((e: unknown) => void) | undefined>)[name];
          emit?.(event);
        },
        { name: emitFunction, event },
      )
      // The page may be closing (logout at shutdown emits session.ended): nothing to tell.
      .catch(() => undefined);
  });
}
