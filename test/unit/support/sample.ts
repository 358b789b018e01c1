// The enhancements sample beside the repository (../shared/enhancements-sample), or KEP_SAMPLE.
// Test bundles sit at different depths under dist/test/, so the sample is found by walking up.
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

/** Every file under `dir` (default: the sample), in a stable order. */
export function sampleFiles(dir = SAMPLE): string[] {
  const out: string[] = [];
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
