// How long a test waits for something that must happen before it calls it a hang. Speed is measured
// in `npm run bench`, as ratios; in a test a duration only tells a hang from a busy machine, so the
// guard is a minute: a 2-core CI machine running something else beside the tests never trips it.
export const HANG_GUARD_MS = 60_000;

/**
 * Asks `probe` every 50 ms until it returns something other than undefined, and returns that; fails
 * naming `what` once the hang guard has passed. For a state that a server reaches in its own time.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + HANG_GUARD_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`hang guard: ${what} did not happen within ${HANG_GUARD_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
