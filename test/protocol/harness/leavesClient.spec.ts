// Run by harness.test.ts in a mocha of its own: a test that starts a language server and never ends it.
import { LspTestClient } from '../lspClient';

it('starts a server and forgets it', () => {
  new LspTestClient();
});
