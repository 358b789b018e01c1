// Runs the mocha test files of one folder inside the VS Code extension host and prints the
// `N passed, N failed` line that scripts/run-editor-tests.mjs reports.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function runTestFilesIn(folder: string): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000 }); // a hang guard, as in .mocharc.json
  for (const name of fs.readdirSync(folder).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(path.join(folder, name));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      console.log(`${stats?.passes ?? 0} passed, ${stats?.failures ?? failures} failed`);
      // A rejected run() makes the extension host report exit code 1 to the runner.
      if (failures > 0) reject(new Error(`${failures} editor tests failed.`));
      else resolve();
    });
  });
}
