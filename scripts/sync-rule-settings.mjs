// Writes the rule list into package.json's `kep.rules` setting (allowed keys and description) from
// the rule catalog, so the settings UI and validation never drift from the rules the server has.
// Run after adding or renaming a rule: node scripts/sync-rule-settings.mjs (a unit test checks it).
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const dir = mkdtempSync(path.join(tmpdir(), 'kep-rules-'));
const out = path.join(dir, 'catalog.cjs');
await build({ entryPoints: ['server/src/core/features/ruleCatalog.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
const { ALL_RULES } = createRequire(import.meta.url)(out);
rmSync(dir, { recursive: true, force: true });

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const setting = manifest.contributes.configuration.properties['kep.rules'];
setting.propertyNames = { enum: ALL_RULES.map((r) => r.id) };
setting.markdownDescription = [
  'Change the severity of individual KEP rules, or turn a rule `off`. Each key is a rule id and each value one of `off`, `hint`, `info`, `warning`, `error`. Example: `{ "template-comment": "off", "toc": "warning" }`.',
  '',
  'Rules (default severity in brackets):',
  '',
  ...ALL_RULES.map((r) => `- \`${r.id}\` (${r.defaultSeverity}): ${r.description}`),
].join('\n');
writeFileSync('package.json', JSON.stringify(manifest, null, 2) + '\n');
console.log(`kep.rules now lists ${ALL_RULES.length} rules`);
