import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeKepExtension, deleteLines, insertLines, KEP_README, lineStartingWith, openInEditor, waitFor } from './helpers';

const UNRESOLVED_OPEN = '<<[UNRESOLVED';
const UNRESOLVED_CLOSE = '<<[/UNRESOLVED]>>';

function foldingRanges(uri: vscode.Uri): Thenable<vscode.FoldingRange[]> {
  return vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
}

/**
 * The fold of the UNRESOLVED block: it starts on the opening marker and ends on or just before the
 * closing one. Only our server folds these; the Markdown extension sees plain paragraphs.
 */
async function unresolvedFold(document: vscode.TextDocument): Promise<vscode.FoldingRange | undefined> {
  const open = lineStartingWith(document, UNRESOLVED_OPEN);
  const close = lineStartingWith(document, UNRESOLVED_CLOSE);
  const ranges = (await foldingRanges(document.uri)) ?? [];
  return ranges.find((r) => r.start === open && r.end > open && r.end <= close);
}

async function describeFolds(document: vscode.TextDocument): Promise<string> {
  const ranges = (await foldingRanges(document.uri)) ?? [];
  return ranges.map((r) => `${r.start + 1}-${r.end + 1}`).join(' ') || 'no folding ranges';
}

suite('Folding ranges from the KEP server', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    document = await openInEditor(KEP_README);
    await activeKepExtension();
  });

  test('an UNRESOLVED block folds, and its fold moves with the text', async () => {
    const openBefore = lineStartingWith(document, UNRESOLVED_OPEN);
    const fold = await waitFor(`a fold starting at the UNRESOLVED marker (line ${openBefore + 1})`, () => unresolvedFold(document), {
      describe: () => describeFolds(document),
    });
    const length = fold.end - fold.start;

    const added = ['Three lines inserted above the block:', '', 'the fold must follow them.'];
    await insertLines(document, 1, added);
    const openAfter = lineStartingWith(document, UNRESOLVED_OPEN);
    assert.strictEqual(openAfter, openBefore + added.length);
    try {
      const moved = await waitFor(`the fold to move to line ${openAfter + 1}`, () => unresolvedFold(document), {
        describe: () => describeFolds(document),
      });
      assert.strictEqual(moved.end - moved.start, length, 'the fold keeps its length');
      const stale = ((await foldingRanges(document.uri)) ?? []).find((r) => r.start === openBefore);
      assert.strictEqual(stale, undefined, `no fold left at the old line ${openBefore + 1}`);
    } finally {
      await deleteLines(document, 1, added.length);
    }
  });
});
