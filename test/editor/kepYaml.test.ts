// kep.yaml in the editor: the server's metadata diagnostics and quick fix, the README following
// kep.yaml's unsaved text, and completion of keys and values. Works on the second fixture KEP,
// keps/sig-test/5678-yaml-demo, so that the README tests of 1234-demo keep their own kep.yaml.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activeKepExtension,
  deleteLines,
  describeDiagnostics,
  insertLines,
  kepDiagnostics,
  lineStartingWith,
  ruleId,
  waitFor,
  waitForKepDiagnostics,
  workspaceFile,
} from './helpers';

const KEP_YAML = 'keps/sig-test/5678-yaml-demo/kep.yaml';
const YAML_README = 'keps/sig-test/5678-yaml-demo/README.md';

/**
 * Opens a file in a pinned editor: a preview editor is replaced by the next file opened, and VS Code
 * may then close the document, which would take its unsaved text away from the server.
 */
async function openPinned(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

async function replaceLine(document: vscode.TextDocument, line: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, document.lineAt(line).range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), `line ${line + 1} was replaced with ${JSON.stringify(text)}`);
  assert.strictEqual(document.lineAt(line).text, text);
}

/** The kep diagnostic of `rule` on `line` (0-based), if there is one. */
function diagnosticOn(uri: vscode.Uri, rule: string, line: number): vscode.Diagnostic | undefined {
  return kepDiagnostics(uri).find((d) => ruleId(d) === rule && d.range.start.line === line);
}

function diagnosticsOf(uri: vscode.Uri, rule: string): vscode.Diagnostic[] {
  return kepDiagnostics(uri).filter((d) => ruleId(d) === rule);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionLabels(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return (list?.items ?? []).map(labelOf);
}

/** Polls completion at `position` until every label in `expected` is offered (other items may be too). */
async function waitForCompletions(document: vscode.TextDocument, position: vscode.Position, expected: string[]): Promise<string[]> {
  let labels: string[] = [];
  const where = `line ${position.line + 1}, column ${position.character + 1} (${JSON.stringify(document.lineAt(position.line).text)})`;
  return waitFor(
    `completion items ${expected.join(', ')} at ${where}`,
    async () => {
      labels = await completionLabels(document, position);
      return expected.every((e) => labels.includes(e)) ? labels : undefined;
    },
    { describe: () => `${labels.length} items: ${labels.slice(0, 40).join(', ') || 'none'}` },
  );
}

suite('kep.yaml in the editor', () => {
  let yaml: vscode.TextDocument;
  let original: string;

  suiteSetup(async () => {
    yaml = await openPinned(KEP_YAML);
    await activeKepExtension();
    assert.strictEqual(yaml.languageId, 'yaml', 'kep.yaml opens as YAML');
    original = yaml.getText();
    // The fixture's handles ("@jane.doe") get handle-format infos: the server has analysed the file.
    await waitForKepDiagnostics(yaml.uri);
  });

  teardown(async () => {
    // A failed test may leave its edit behind; the next test starts from the fixture's text.
    if (yaml.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(yaml.uri, new vscode.Range(0, 0, yaml.lineCount, 0), original);
      await vscode.workspace.applyEdit(edit);
    }
  });

  test('an unknown key gets an unknown-field error that goes when the key is removed', async () => {
    const at = lineStartingWith(yaml, 'stage:');
    assert.strictEqual(diagnosticsOf(yaml.uri, 'unknown-field').length, 0, `no unknown-field before the edit: ${describeDiagnostics(yaml.uri)}`);

    await insertLines(yaml, at, ['bogus: 1']);
    const diagnostic = await waitFor(`an unknown-field diagnostic on line ${at + 1} ("bogus: 1")`, () => diagnosticOn(yaml.uri, 'unknown-field', at), {
      describe: () => describeDiagnostics(yaml.uri),
    });
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error, 'unknown-field is an error');
    assert.strictEqual(diagnostic.source, 'kep');
    assert.match(diagnostic.message, /bogus/);

    await deleteLines(yaml, at, 1);
    assert.ok(yaml.lineAt(at).text.startsWith('stage:'), 'the fixture is back as it was');
    await waitFor('the unknown-field diagnostic to go once the key is removed', () => diagnosticsOf(yaml.uri, 'unknown-field').length === 0, {
      describe: () => describeDiagnostics(yaml.uri),
    });
  });

  test('an unquoted latest-milestone gets a milestone-format warning, and its quick fix rewrites it as "v1.36"', async () => {
    const at = lineStartingWith(yaml, 'latest-milestone:');
    assert.strictEqual(diagnosticOn(yaml.uri, 'milestone-format', at), undefined, `no milestone-format before the edit: ${describeDiagnostics(yaml.uri)}`);

    await replaceLine(yaml, at, 'latest-milestone: 1.36');
    const diagnostic = await waitFor(`a milestone-format diagnostic on line ${at + 1}`, () => diagnosticOn(yaml.uri, 'milestone-format', at), {
      describe: () => describeDiagnostics(yaml.uri),
    });
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning, 'milestone-format is a warning');

    const actions =
      (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', yaml.uri, diagnostic.range)) ?? [];
    // The command's results do not carry the action's diagnostics, so the fix is recognised by its
    // edit: a change to this line of kep.yaml.
    const fix = actions.find((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined && a.edit.get(yaml.uri).some((e) => e.range.start.line === at));
    assert.ok(fix?.edit, `a quick fix that edits line ${at + 1}; actions: ${actions.map((a) => a.title).join(' | ') || 'none'}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `"${fix.title}" is a quick fix (kind: ${fix.kind?.value})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the quick fix was applied');
    assert.strictEqual(yaml.lineAt(at).text, 'latest-milestone: "v1.36"');

    await waitFor('the milestone-format diagnostic to go after the quick fix', () => diagnosticsOf(yaml.uri, 'milestone-format').length === 0, {
      describe: () => describeDiagnostics(yaml.uri),
    });
  });

  test("the README follows kep.yaml's unsaved status: an UNRESOLVED block is flagged once the KEP is implementable", async () => {
    const readme = await openPinned(YAML_README);
    const marker = lineStartingWith(readme, '<<[UNRESOLVED');
    lineStartingWith(readme, '<<[/UNRESOLVED]>>'); // the block is balanced
    const statusLine = lineStartingWith(yaml, 'status:');
    assert.strictEqual(yaml.lineAt(statusLine).text, 'status: provisional');

    // The README is analysed (its missing table of contents is reported) with kep.yaml provisional.
    await waitForKepDiagnostics(readme.uri);
    assert.deepStrictEqual(diagnosticsOf(readme.uri, 'unresolved'), [], `no unresolved while provisional: ${describeDiagnostics(readme.uri)}`);

    await replaceLine(yaml, statusLine, 'status: implementable');
    assert.ok(yaml.isDirty, 'kep.yaml is edited, not saved');
    const diagnostic = await waitFor(`an unresolved diagnostic on README line ${marker + 1}`, () => diagnosticOn(readme.uri, 'unresolved', marker), {
      describe: () => describeDiagnostics(readme.uri),
    });
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning, 'open debate in an implementable KEP is a warning');
    assert.match(diagnostic.message, /implementable/);

    await replaceLine(yaml, statusLine, 'status: provisional');
    await waitFor('the unresolved diagnostic to go once kep.yaml is provisional again', () => diagnosticsOf(readme.uri, 'unresolved').length === 0, {
      describe: () => describeDiagnostics(readme.uri),
    });
  });

  test('completion after "status: " offers the documented statuses', async () => {
    const at = lineStartingWith(yaml, 'status:');
    await replaceLine(yaml, at, 'status: ');
    const labels = await waitForCompletions(yaml, new vscode.Position(at, 'status: '.length), ['implementable', 'provisional']);
    for (const status of ['implemented', 'deferred', 'rejected', 'withdrawn', 'replaced']) {
      assert.ok(labels.includes(status), `${status} is offered too; items: ${labels.join(', ')}`);
    }
  });

  test('completion after "stage: " offers alpha, beta and stable', async () => {
    const at = lineStartingWith(yaml, 'stage:');
    await replaceLine(yaml, at, 'stage: ');
    await waitForCompletions(yaml, new vscode.Position(at, 'stage: '.length), ['alpha', 'beta', 'stable']);
  });

  test('completion on an empty top-level line offers a key the file does not have yet', async () => {
    const at = lineStartingWith(yaml, 'stage:');
    // Without its stage line the file has no `stage` key, nor the word "stage" for word completion.
    await replaceLine(yaml, at, '');
    assert.ok(!/\bstage\b/.test(yaml.getText()), 'the word "stage" is gone from kep.yaml');
    await waitForCompletions(yaml, new vscode.Position(at, 0), ['stage']);
  });
});
