// Test entry for the Restricted Mode session: the KEP workspace opened with workspace trust on and
// the folder not trusted (extensionTestsPath = dist/test/editor/restricted/index.js).
import { runTestFilesIn } from '../mocha';

export function run(): Promise<void> {
  return runTestFilesIn(__dirname);
}
