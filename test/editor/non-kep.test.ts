import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeKepExtension, assertStaysAbsent, describeDiagnostics, kepDiagnostics, KEP_README, openInEditor, waitForKepDiagnostics } from './helpers';

suite('Markdown that is not a KEP', () => {
  test('a notes file next to the KEPs gets no kep diagnostics', async () => {
    const readme = await openInEditor(KEP_README);
    await activeKepExtension();
    // The server is up and reporting on the KEP: a silent notes file then means "not a KEP",
    // not "server not started yet".
    await waitForKepDiagnostics(readme.uri);

    const notes = await openInEditor('docs/notes.md');
    assert.strictEqual(notes.languageId, 'markdown');
    // A request on the notes file reaches the server after its didOpen, so by the time it answers
    // the server has seen the file.
    await vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', notes.uri);
    await assertStaysAbsent(
      'kep diagnostics on docs/notes.md',
      () => (kepDiagnostics(notes.uri).length > 0 ? describeDiagnostics(notes.uri) : undefined),
      3_000,
    );
  });
});
