import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeKepExtension, KEP_README, openInEditor, setRepositoryGitHubUser, waitFor, workspaceFile } from './helpers';

suite('New KEP command', () => {
  suiteSetup(async () => {
    await openInEditor(KEP_README);
    await activeKepExtension();
  });

  test('creates the KEP folder with README and kep.yaml, and opens the README', async () => {
    const folder = await waitFor('the New KEP command to create the folder', () =>
      Promise.resolve(
        vscode.commands.executeCommand<string | undefined>('kep.newKep', { sig: 'sig-test', title: 'Editor Made KEP', number: '9876', authors: ['@tester'] }),
      ),
    );
    assert.strictEqual(folder, 'keps/sig-test/9876-editor-made-kep');
    const readme = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(`${folder}/README.md`)));
    assert.match(readme, /^# KEP-9876: Editor Made KEP$/m);
    const kepYaml = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(`${folder}/kep.yaml`)));
    assert.match(kepYaml, /^owning-sig: sig-test$/m);
    assert.match(kepYaml, /^ {2}- "@tester"$/m);
    await waitFor('the new README to be the active editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith(`${folder}/README.md`));
  });

  test('refuses a number that is already taken', async () => {
    const result = await vscode.commands.executeCommand<string | undefined>('kep.newKep', { sig: 'sig-test', title: 'Again', number: '1234', authors: [] });
    assert.strictEqual(result, undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(workspaceFile('keps/sig-test/1234-again'))));
  });

  test("takes the author from the repository's git config github.user", async () => {
    // The trusted counterpart of the Restricted Mode test (test/editor/restricted), where git is not run.
    setRepositoryGitHubUser('trusted-probe');
    const folder = await vscode.commands.executeCommand<string | undefined>('kep.newKep', { sig: 'sig-test', title: 'Git Author', number: '9877' });
    assert.strictEqual(folder, 'keps/sig-test/9877-git-author');
    const kepYaml = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(`${folder}/kep.yaml`)));
    assert.match(kepYaml, /^authors:\n {2}- "@trusted-probe"$/m);
  });
});
