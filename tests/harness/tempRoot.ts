import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Every temp folder a test makes — databases, the shared fixture, PDFs, browser profiles —
 * lands under one folder per run, removed when the run ends (before, a few runs left
 * hundreds of folders and gigabytes in /tmp). Both projects share it: the fixture is built
 * once per run in whichever folder tmpdir() names.
 */
export default function setup(): () => void {
  if (process.env.DAICHO_TEST_TMP) return () => {};
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(path.join(tmpdir(), 'daicho-run-'));
  process.env.DAICHO_TEST_TMP = root;
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    delete process.env.DAICHO_TEST_TMP;
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
