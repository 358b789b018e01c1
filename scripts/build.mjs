// Bundles the client, the server, the CLI, the benchmark and the tests with esbuild.
// Everything that runs is bundled so that ESM-only dependencies (remark) load from CommonJS,
// and so that the .vsix needs no node_modules.
import { build } from 'esbuild';
import { chmodSync, readFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  define: { __KEP_VERSION__: JSON.stringify(version) },
};
const shebang = { js: '#!/usr/bin/env node' };

function testFiles(dir) {
  let out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'fixtures') out = out.concat(testFiles(full));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

rmSync('dist', { recursive: true, force: true });
const jobs = [
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js', banner: shebang }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/kep-lint.js', banner: shebang }),
];
if (!production) {
  const tests = testFiles('test');
  if (tests.length) {
    jobs.push(build({ ...common, entryPoints: tests, outdir: 'dist/test', outbase: 'test', external: ['vscode', 'mocha'] }));
  }
  const bench = testFiles('bench');
  // playwright-core finds its own files next to its package.json, so it is loaded from node_modules.
  if (bench.length) jobs.push(build({ ...common, entryPoints: bench, outdir: 'dist/bench', outbase: 'bench', external: ['playwright-core'] }));
}
await Promise.all(jobs);
// The package's bins: npm made them executable when it linked them (npx, node_modules/.bin), and
// the files written again here must stay so, or every rebuild breaks `npx kep-lint`.
for (const bin of ['dist/kep-lint.js', 'dist/server.js']) chmodSync(bin, 0o755);
