import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activeKepExtension,
  CUSTOM_TEMPLATE,
  customTemplateProbeDiagnostic,
  describeDiagnostics,
  KEP_README,
  missingRisksDiagnostic,
  openInEditor,
  waitFor,
} from './helpers';

// The trusted counterpart of the Restricted Mode test (test/editor/restricted), where the
// workspace's value of this setting is ignored.
suite('kep.templatePath', () => {
  let document: vscode.TextDocument;
  const config = () => vscode.workspace.getConfiguration('kep');

  suiteSetup(async () => {
    document = await openInEditor(KEP_README);
    await activeKepExtension();
  });

  test('a workspace value checks the KEP against that template instead of keps/NNNN-kep-template', async () => {
    const uri = document.uri;
    await waitFor('the missing-section diagnostic for Risks and Mitigations', () => missingRisksDiagnostic(uri), { describe: () => describeDiagnostics(uri) });
    try {
      await config().update('templatePath', CUSTOM_TEMPLATE, vscode.ConfigurationTarget.Workspace);
      const probe = await waitFor('the missing-section diagnostic of the custom template', () => customTemplateProbeDiagnostic(uri), {
        describe: () => describeDiagnostics(uri),
      });
      assert.match(probe.message, /Missing '## Custom Template Probe'/);
      assert.strictEqual(missingRisksDiagnostic(uri), undefined, describeDiagnostics(uri));
    } finally {
      await config().update('templatePath', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the workspace template to apply again', () => !customTemplateProbeDiagnostic(uri) && missingRisksDiagnostic(uri), {
      describe: () => describeDiagnostics(uri),
    });
  });
});
