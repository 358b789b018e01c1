// Test entry for the KEP workspace session (extensionTestsPath = dist/test/editor/index.js).
import { runTestFilesIn } from './mocha';

export function run(): Promise<void> {
  return runTestFilesIn(__dirname);
}
