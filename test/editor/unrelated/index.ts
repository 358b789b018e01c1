// Test entry for the unrelated workspace session
// (extensionTestsPath = dist/test/editor/unrelated/index.js).
import { runTestFilesIn } from '../mocha';

export function run(): Promise<void> {
  return runTestFilesIn(__dirname);
}
