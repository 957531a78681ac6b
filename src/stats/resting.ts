// Refresh work that recounts postings (a catch-up of the day rollups, the month pass) costs
// seconds of CPU in the refresher thread and in Postgres once a database holds a million
// postings. Started back to back while postings stream in, it would take most of a core from
// the workers. So a run that took over SLOW_RUN_MS is not followed by the next for REST_FACTOR
// times as long: that work gets at most a fifth of the time, while answers lag
// (meta.refreshedAt) a little more. Small databases, whose runs are quick, are unaffected.

const SLOW_RUN_MS = 1000;
const REST_FACTOR = 4;

/** When the last run ended and how long it took (performance.now() milliseconds), or null. */
export type LastRun = { endedAt: number; tookMs: number } | null;

/** Whether the next run waits: the last one was slow, and ended less than REST_FACTOR times its length ago. */
export function resting(last: LastRun, now: number): boolean {
  return last !== null && last.tookMs > SLOW_RUN_MS && now - last.endedAt < REST_FACTOR * last.tookMs;
}
