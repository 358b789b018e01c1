// Loaded by mocha before any test file (.mocharc.json "require"). It makes the two ways a test run
// goes wrong without a failing test impossible to miss:
// - the KEP sample is missing: locally the tests that read it are skipped, said in one line; in CI
//   (CI=true) the run fails at once, so that sample-based tests never drop out unnoticed;
// - something a test started outlives the run: a test client left running fails the run by name,
//   and a process that mocha has finished with but that does not exit (a timer or a child holding
//   the event loop) is ended with a message that lists what held it, instead of hanging CI.
import { SAMPLE, SAMPLE_PRESENT } from '../unit/support/sample';
import { liveProcesses } from './liveProcesses';

/** How long after the last test the process may take to exit by itself (env: for the watchdog's own test). */
const EXIT_WATCHDOG_MS = Number(process.env.KEP_TEST_EXIT_WATCHDOG_MS ?? 30_000);

if (!SAMPLE_PRESENT) {
  const where = `The KEP sample is not at ${SAMPLE}: it is the enhancements-sample folder beside this checkout (../shared/enhancements-sample), or set KEP_SAMPLE to a kubernetes/enhancements checkout`;
  if (process.env.CI) {
    console.error(`${where}. CI runs every test, so this run fails.`);
    process.exit(1);
  }
  console.warn(`${where}. Skipping the tests that read it (shown as pending).`);
}

export const mochaHooks = {
  async afterAll(): Promise<void> {
    const left = [...liveProcesses()];
    if (left.length === 0) return;
    await Promise.all(left.map((p) => p.release()));
    throw new Error(`tests left ${left.length} process(es) running, now ended: ${left.map((p) => p.describe()).join('; ')}`);
  },
};

export function mochaGlobalTeardown(): void {
  // Unreferenced: it fires only if something else keeps the process alive that long.
  setTimeout(() => {
    const held = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
    console.error(
      `The tests have finished, but ${EXIT_WATCHDOG_MS / 1000} s later the process still had not exited; what held it: ${held.join(', ') || 'nothing listed'}. A test left a timer, socket or child process behind; exiting with failure.`,
    );
    // mocha sets the exit code from an 'exit' listener of its own; this later one has the last word.
    process.once('exit', () => (process.exitCode = 1));
    process.exit(1);
  }, EXIT_WATCHDOG_MS).unref();
}
