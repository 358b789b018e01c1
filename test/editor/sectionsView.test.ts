import * as assert from 'assert';
import * as vscode from 'vscode';
import type { KepExtensionApi } from '../../client/src/extension';
import type { OutlineSection } from '../../client/src/sectionsView';
import { activeKepExtension, deleteLines, KEP_README, lineStartingWith, openInEditor, waitFor } from './helpers';

function flatten(nodes: OutlineSection[]): OutlineSection[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

suite('KEP sections view and status bar', () => {
  let api: KepExtensionApi;
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    document = await openInEditor(KEP_README);
    api = (await activeKepExtension()).exports as KepExtensionApi;
  });

  test('the view lists the section the KEP omits as missing, with an insert action', async () => {
    const risks = await waitFor(
      'Risks and Mitigations listed as missing in the KEP Sections view',
      () => flatten(api.sections.getChildren()).find((n) => n.title === 'Risks and Mitigations' && n.state === 'missing'),
      { describe: () => JSON.stringify(api.sections.getChildren().map((n) => n.title)) },
    );
    const item = api.sections.getTreeItem(risks);
    assert.strictEqual(item.contextValue, 'missing');
    const proposal = flatten(api.sections.getChildren()).find((n) => n.title === 'Proposal');
    assert.ok(proposal && proposal.state !== 'missing', 'present sections are not missing');
    assert.strictEqual(api.sections.getTreeItem(proposal).command?.command, 'kep.revealSection');
  });

  test('"Insert" adds the heading where it belongs and the view follows', async () => {
    const risks = flatten(api.sections.getChildren()).find((n) => n.title === 'Risks and Mitigations' && n.state === 'missing');
    assert.ok(risks);
    assert.ok(await vscode.commands.executeCommand('kep.insertSection', risks));
    const line = lineStartingWith(document, '### Risks and Mitigations');
    assert.ok(line >= 0 && line < lineStartingWith(document, '## Design Details'), 'inserted before Design Details');
    await waitFor('the view to show Risks and Mitigations as present', () =>
      flatten(api.sections.getChildren()).some((n) => n.title === 'Risks and Mitigations' && n.state !== 'missing'),
    );
    // Leave the fixture as the other suites expect it: the section missing again.
    await deleteLines(document, line, 2);
    assert.ok(!document.getText().includes('### Risks and Mitigations'));
  });

  test('the status bar shows a readiness summary for the active KEP', async () => {
    const text = await waitFor('the status bar summary', () => api.sections.statusBar.text.includes('KEP') && api.sections.statusBar.text);
    assert.match(text, /KEP( \w+)?: (PRR )?\d+\/\d+/);
    assert.strictEqual(api.sections.statusBar.command, 'kep.showSections');
  });
});
