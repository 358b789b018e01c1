// The enhancements sample beside the repository (../shared/enhancements-sample), or KEP_SAMPLE.
// Test bundles live in dist/test/<kind>/, so the workspace that holds both is four levels up.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const SAMPLE = process.env.KEP_SAMPLE ?? path.resolve(__dirname, '../../../..', 'shared/enhancements-sample');

/** Every README.md under the sample's keps/ folder, in a stable order. */
export function sampleReadmes(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'README.md') out.push(full);
    }
  };
  walk(path.join(SAMPLE, 'keps'));
  return out;
}
