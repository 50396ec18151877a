import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { makeTestApp, removeTestDir, type TestApp } from './backend';

/** What appsPerTest gives a test file; every app and folder it hands out goes after each test. */
export interface AppsPerTest {
  /** A new app on `dir` (a folder another app of this test used, say) or on a fresh folder. */
  open(dir?: string): TestApp;
  /** Closes `a` and opens its folder again, a minute later on its clock: the app restarted. */
  restart(a: TestApp): TestApp;
  /** A temp folder of the test's own (a medium, say), removed with the apps. */
  extraDir(prefix?: string): string;
}

/**
 * Apps a test opens and reopens on the same folders (keyring, setup, damage tests). Kept in its
 * own module, not backend.ts: that one stays free of vitest so child processes can bundle it.
 */
export function appsPerTest(): AppsPerTest {
  const apps: TestApp[] = [];
  const extraDirs: string[] = [];
  afterEach(() => {
    // All closed before any folder goes: several apps may have opened one folder.
    const done = apps.splice(0);
    for (const a of done) a.close();
    for (const a of done) {
      removeTestDir(a.dir);
      removeTestDir(a.outDir);
    }
    for (const dir of extraDirs.splice(0)) removeTestDir(dir);
  });
  const opened = (a: TestApp) => {
    apps.push(a);
    return a;
  };
  return {
    open: (dir) => opened(makeTestApp(dir ? { dir } : {})),
    restart(a) {
      a.close();
      return opened(makeTestApp({ dir: a.dir, startAt: a.clock.now() + 60_000 }));
    },
    extraDir(prefix = 'daicho-test-') {
      const dir = mkdtempSync(path.join(tmpdir(), prefix));
      extraDirs.push(dir);
      return dir;
    },
  };
}
