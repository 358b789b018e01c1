import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activeKepExtension,
  assertMissingSectionFollowsEdits,
  describeDiagnostics,
  KEP_README,
  missingRisksDiagnostic,
  openInEditor,
  waitFor,
} from './helpers';

suite('Diagnostics from the KEP server', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    document = await openInEditor(KEP_README);
    await activeKepExtension();
  });

  test('the section the KEP omits is reported as missing', async () => {
    const diagnostic = await waitFor('the missing-section diagnostic for Risks and Mitigations', () => missingRisksDiagnostic(document.uri), {
      describe: () => describeDiagnostics(document.uri),
    });
    assert.match(diagnostic.message, /Missing '### Risks and Mitigations' under '## Proposal'/);
  });

  test('the diagnostic goes when the section is added and returns when it is removed', async () => {
    await assertMissingSectionFollowsEdits(document);
  });
});
