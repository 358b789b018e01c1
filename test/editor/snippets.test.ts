import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeKepExtension, KEP_README, openInEditor, waitFor } from './helpers';

suite('KEP snippets', () => {
  suiteSetup(async () => {
    await openInEditor(KEP_README);
    await activeKepExtension();
  });

  test('the UNRESOLVED snippet is contributed, inserts and expands with its placeholders', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    // By name, as a user picks it from "Insert Snippet": proves the snippet file is contributed for Markdown.
    await waitFor('the kep-unresolved snippet to be inserted', async () => {
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: 'UNRESOLVED block' });
      return document.getText().length > 0;
    });
    const lines = document.getText().split('\n');
    assert.strictEqual(lines[0], '<<[UNRESOLVED topic ]>>');
    assert.strictEqual(lines[2], '<<[/UNRESOLVED]>>');
    // Snippet mode: the first placeholder ("topic") is selected, ready to be typed over.
    assert.strictEqual(document.getText(editor.selection), 'topic');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
