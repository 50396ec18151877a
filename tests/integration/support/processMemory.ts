import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/**
 * Reads another process's memory as a memory dump would (issue #9, 6): every readable,
 * private or file-backed writable range listed in /proc/<pid>/maps, read through
 * /proc/<pid>/mem. Linux only, and only when the kernel lets this process read it (root,
 * or the child's parent under Yama ptrace_scope 1); `memoryReadable` says whether it can.
 */
export function memoryReadable(pid: number): boolean {
  try {
    const fd = openSync(`/proc/${pid}/mem`, 'r');
    closeSync(fd);
    return readFileSync(`/proc/${pid}/maps`, 'utf8').length > 0;
  } catch {
    return false;
  }
}

interface Range {
  start: number;
  end: number;
}

/**
 * The ranges a secret could sit in: readable and writable (heap, stacks, anonymous maps,
 * a library's data). Read-only file maps (code, the node binary's constants) are left out:
 * they are the same bytes as on disk and hold nothing this run computed.
 */
function writableRanges(pid: number): Range[] {
  const ranges: Range[] = [];
  for (const line of readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
    const [span, perms, , , , name] = line.split(/\s+/);
    if (!span || !perms || !perms.startsWith('rw')) continue;
    // [vvar] and [vsyscall] are kernel pages that fail or mean nothing when read.
    if (name === '[vvar]' || name === '[vsyscall]' || name === '[vvar_vclock]') continue;
    const [start, end] = span.split('-').map((h) => Number.parseInt(h, 16));
    if (start !== undefined && end !== undefined && Number.isSafeInteger(start) && Number.isSafeInteger(end)) ranges.push({ start, end });
  }
  return ranges;
}

/**
 * How often each needle occurs in the process's writable memory. Ranges are read in
 * chunks that overlap by the longest needle, so a needle across a chunk border is found
 * once; a range that cannot be read (unmapped meanwhile) is skipped.
 */
export function countInMemory(pid: number, needles: Record<string, Buffer>): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(Object.keys(needles).map((k) => [k, 0]));
  const longest = Math.max(...Object.values(needles).map((n) => n.length));
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  const fd = openSync(`/proc/${pid}/mem`, 'r');
  try {
    for (const range of writableRanges(pid)) {
      for (let at = range.start; at < range.end; at += chunk.length - longest) {
        const want = Math.min(chunk.length, range.end - at);
        let got: number;
        try {
          got = readSync(fd, chunk, 0, want, at);
        } catch {
          break;
        }
        const view = chunk.subarray(0, got);
        // Only hits that start before the overlap are counted here; the next chunk counts the rest.
        const limit = at + want >= range.end ? got : got - longest + 1;
        for (const [name, needle] of Object.entries(needles)) {
          for (let i = view.indexOf(needle); i !== -1 && i < limit; i = view.indexOf(needle, i + 1)) counts[name]!++;
        }
        if (got < want) break;
      }
    }
  } finally {
    closeSync(fd);
  }
  return counts;
}
