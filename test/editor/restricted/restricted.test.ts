// The KEP workspace in Restricted Mode, as someone reviewing a freshly cloned pull request sees it:
// scripts/run-editor-tests.mjs starts this session with workspace trust enabled and the folder not
// trusted, and copies test/editor/fixtures/restricted-overlay over the workspace, so that its
// .vscode/settings.json sets kep.templatePath to the workspace's custom-template.md.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activeKepExtension,
  CUSTOM_TEMPLATE,
  customTemplateProbeDiagnostic,
  describeDiagnostics,
  EXTENSION_ID,
  KEP_README,
  missingRisksDiagnostic,
  openInEditor,
  ruleId,
  setRepositoryGitHubUser,
  waitFor,
  waitForKepDiagnostics,
  workspaceFile,
} from '../helpers';

suite('Restricted Mode (untrusted workspace)', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    document = await openInEditor(KEP_README);
  });

  test('the workspace is not trusted', () => {
    assert.strictEqual(vscode.workspace.getConfiguration('security.workspace.trust').get('enabled'), true, 'workspace trust is enabled');
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  test('the extension is active', async () => {
    // VS Code leaves out an extension it has disabled, as it does in Restricted Mode with an
    // extension that does not declare capabilities.untrustedWorkspaces.
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is enabled in Restricted Mode`);
    const extension = await activeKepExtension();
    assert.ok(extension.isActive);
  });

  test('KEP diagnostics appear on a KEP README', async () => {
    const diagnostics = await waitForKepDiagnostics(document.uri);
    assert.ok(
      diagnostics.some((d) => ruleId(d) === 'missing-section'),
      describeDiagnostics(document.uri),
    );
  });

  test("the workspace's kep.templatePath is ignored", async () => {
    // The setting is there, in the workspace's own settings…
    const settings = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('.vscode/settings.json')));
    assert.strictEqual(JSON.parse(settings)['kep.templatePath'], CUSTOM_TEMPLATE);
    // …but VS Code does not hand a restricted setting's workspace value to the extension…
    assert.strictEqual(vscode.workspace.getConfiguration('kep').get('templatePath'), '');
    // …so the KEP is checked against keps/NNNN-kep-template (the custom template has no Risks and
    // Mitigations, and a section that the KEP lacks).
    const diagnostic = await waitFor('the missing-section diagnostic for Risks and Mitigations', () => missingRisksDiagnostic(document.uri), {
      describe: () => describeDiagnostics(document.uri),
    });
    assert.match(diagnostic.message, /Missing '### Risks and Mitigations' under '## Proposal'/);
    assert.strictEqual(customTemplateProbeDiagnostic(document.uri), undefined, describeDiagnostics(document.uri));
  });

  test('New KEP does not run git: the author is left for the user to fill in', async () => {
    await activeKepExtension();
    setRepositoryGitHubUser('restricted-probe');
    const folder = await waitFor('the New KEP command to create the folder', () =>
      Promise.resolve(vscode.commands.executeCommand<string | undefined>('kep.newKep', { sig: 'sig-test', title: 'Made In Restricted Mode', number: '9878' })),
    );
    assert.strictEqual(folder, 'keps/sig-test/9878-made-in-restricted-mode');
    const kepYaml = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(`${folder}/kep.yaml`)));
    assert.match(kepYaml, /^authors:\n {2}- "@your-github-handle"$/m);
    assert.doesNotMatch(kepYaml, /restricted-probe/);
  });
});
