import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeKepExtension, KEP_README, openInEditor, waitFor, waitForKepDiagnostics } from './helpers';

type AnySymbol = vscode.DocumentSymbol | vscode.SymbolInformation;

function flatten(symbols: AnySymbol[]): AnySymbol[] {
  return symbols.flatMap((s) => [s, ...('children' in s ? flatten(s.children) : [])]);
}

/** Heading text without the `#` marks: the Markdown extension names symbols `## Summary`. */
function headingName(name: string): string {
  return name.replace(/^#+\s*/, '').trim();
}

function headingsIn(document: vscode.TextDocument): string[] {
  const headings: string[] = [];
  for (let line = 0; line < document.lineCount; line++) {
    const match = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(document.lineAt(line).text);
    if (match) headings.push(match[1]);
  }
  return headings;
}

suite('Outline', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    document = await openInEditor(KEP_README);
    await activeKepExtension();
    // Symbols are queried from every provider registered at that moment, so wait until the server
    // has started (it has published diagnostics) before asking.
    await waitForKepDiagnostics(document.uri);
  });

  test('each heading appears once', async () => {
    const headings = headingsIn(document);
    assert.strictEqual(new Set(headings).size, headings.length, 'the fixture itself has no repeated heading');

    let names: string[] = [];
    await waitFor(
      'every heading of the README in the outline',
      async () => {
        const symbols = (await vscode.commands.executeCommand<AnySymbol[]>('vscode.executeDocumentSymbolProvider', document.uri)) ?? [];
        names = flatten(symbols).map((s) => headingName(s.name));
        return headings.every((h) => names.includes(h));
      },
      { describe: () => `${names.length} symbols: ${names.join(', ')}` },
    );

    const counts = new Map<string, number>();
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    const repeated = [...counts].filter(([, n]) => n > 1).map(([name, n]) => `${name} (${n}x)`);
    assert.deepStrictEqual(repeated, [], 'no heading is listed twice in the outline');
    assert.strictEqual(names.length, headings.length, 'one outline entry per heading');
  });
});
