import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

// Background work (analyzing postings, refreshing rollups) runs at a lower CPU priority than
// the API, so on a machine that runs both, a request is not kept waiting behind it. On a
// machine of its own, nothing else competes and the priority changes nothing.

/**
 * Sets the nice value of every thread of this process (Linux keeps one per thread, and a new
 * thread takes its creator's: V8's and libuv's threads exist before this runs). Never makes a
 * thread less nice than it already is (that would need privileges). Returns the threads set.
 */
export function lowerProcessPriority(nice: number): number {
  let tids: number[];
  try {
    tids = readdirSync('/proc/self/task').map(Number);
  } catch {
    tids = [0]; // not Linux: one call covers the process
  }
  let set = 0;
  for (const tid of tids) {
    try {
      setPriority(tid, Math.max(nice, getPriority(tid)));
      set++;
    } catch {
      // the thread ended meanwhile
    }
  }
  return set;
}

/** Sets the nice value of the calling thread only (on Linux; of the whole process elsewhere). */
export function lowerThreadPriority(nice: number): void {
  setPriority(0, Math.max(nice, getPriority(0)));
}
