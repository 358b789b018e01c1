// The enhancements sample beside the repository (../shared/enhancements-sample), or KEP_SAMPLE.
// Test bundles sit at different depths under dist/test/, so the sample is found by walking up.
// Without a sample, the listings are empty and describeWithSample skips its tests: nothing reads the
// sample while mocha loads the files, so a missing sample is one line (mochaSetup), not a crash.
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

function findSample(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared/enhancements-sample');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '../../../..', 'shared/enhancements-sample');
  }
}

export const SAMPLE = process.env.KEP_SAMPLE ?? findSample();

/** Whether the sample's keps/ folder is there. */
export const SAMPLE_PRESENT = existsSync(path.join(SAMPLE, 'keps'));

/** `describe` for tests that read the sample: skipped (reported as pending) when there is none. */
export function describeWithSample(title: string, body: (this: Mocha.Suite) => void): Mocha.Suite | void {
  return (SAMPLE_PRESENT ? describe : describe.skip)(title, body);
}

/** `it` for a test that reads the sample: skipped (reported as pending) when there is none. */
export function itWithSample(title: string, body: (this: Mocha.Context) => void | Promise<unknown>): Mocha.Test {
  return (SAMPLE_PRESENT ? it : it.skip)(title, body);
}

/** Every file under `dir` (default: the sample), in a stable order; none when the sample is missing. */
export function sampleFiles(dir = SAMPLE): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Every README.md under the sample's keps/ folder, in a stable order. */
export function sampleReadmes(): string[] {
  return sampleFiles(path.join(SAMPLE, 'keps')).filter((f) => path.basename(f) === 'README.md');
}
