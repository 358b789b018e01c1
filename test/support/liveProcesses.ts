// The child processes that tests have started and not yet ended. Each test bundle carries its own
// copy of this module (esbuild bundles every test file whole), so the set lives on globalThis under
// a registered symbol: the mocha setup (test/support/mochaSetup.ts) sees what every file left.

/** Something a test started that must end with the test run. */
export interface LiveProcess {
  /** What it is and who started it, for the message that names a leak. */
  describe(): string;
  /** Ends it whatever state it is in: closes its pipes and kills the process if it still runs. */
  release(): Promise<void>;
}

const KEY = Symbol.for('vscode-kep.test.liveProcesses');

export function liveProcesses(): Set<LiveProcess> {
  const holder = globalThis as { [KEY]?: Set<LiveProcess> };
  return (holder[KEY] ??= new Set());
}
