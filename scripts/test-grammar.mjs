// npm run test:grammar: the TextMate scope tests (test/grammar/*.test.*) over the base Markdown and
// YAML grammars of test/grammar/base. The Markdown grammar embeds some fifty languages whose grammars
// these tests do not need (fenced code in them is not under test); vscode-tmgrammar-test warns once
// per language, and those lines are summed up in one here so that the real output stays readable.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('vscode-tmgrammar-test/package.json')), 'dist/unit.js');
const grammars = readdirSync(path.join(root, 'test/grammar/base'))
  .filter((f) => f.endsWith('.tmLanguage.json'))
  .sort()
  .flatMap((f) => ['-g', `test/grammar/base/${f}`]);

const child = spawn(process.execPath, [bin, ...grammars, 'test/grammar/*.test.*'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
const unneeded = new Set();
for (const [stream, out] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
]) {
  createInterface({ input: stream }).on('line', (line) => {
    const missing = /^grammar not found for "([^"]+)"$/.exec(line);
    if (missing) unneeded.add(missing[1]);
    else out.write(`${line}\n`);
  });
}
child.on('close', (code, signal) => {
  if (unneeded.size) console.log(`(${unneeded.size} languages embedded in the Markdown grammar are not loaded: these tests need none of them)`);
  process.exit(code ?? (signal ? 1 : 0));
});
