import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeKepExtension, KEP_README, lineStartingWith, openInEditor, waitFor } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('Hover help in a KEP README', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    document = await openInEditor(KEP_README);
    await activeKepExtension();
  });

  test('a PRR question explains itself and what the stage requires', async () => {
    const line = lineStartingWith(document, '###### How can this feature be enabled / disabled in a live cluster?');
    const text = await waitFor('hover help from the KEP server on the PRR question', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, 10));
      const t = hoverText(hovers ?? []);
      return /A good answer/i.test(t) && t;
    });
    assert.match(text, /push back/i);
    assert.match(text, /alpha/);
  });
});
