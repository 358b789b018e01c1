import * as assert from 'assert';
import * as vscode from 'vscode';
import { assertStaysAbsent, EXTENSION_ID, openInEditor } from '../helpers';

suite('Activation outside a KEP workspace', () => {
  test('opening ordinary Markdown does not activate the extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    // Without this, a missing extension would pass as "not active".
    assert.ok(extension, `extension ${EXTENSION_ID} is installed in the test instance`);

    const document = await openInEditor('notes/README.md');
    assert.strictEqual(document.languageId, 'markdown');
    await assertStaysAbsent('the KEP extension activated', () => (extension.isActive ? 'it is active' : undefined), 4_000);
    assert.strictEqual(extension.isActive, false);
  });
});
