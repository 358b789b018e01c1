// The "KEP Sections" view in the Explorer and the readiness item in the status bar. Both show the
// server's KEP-aware outline (request kep/sectionsOutline) for the active KEP README: the
// template's sections with their state, PRR questions with what the stage requires.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const SECTIONS_VIEW_ID = 'kepSections';
export const INSERT_SECTION_COMMAND = 'kep.insertSection';
export const REVEAL_SECTION_COMMAND = 'kep.revealSection';
export const SHOW_SECTIONS_COMMAND = 'kep.showSections';
const ACTIVE_KEP_CONTEXT = 'kep.activeKep';

interface TextChange {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export interface OutlineSection {
  title: string;
  level: number;
  state: 'filled' | 'empty' | 'template text left' | 'missing';
  line?: number;
  optional: boolean;
  prrQuestion: boolean;
  requirement?: 'required' | 'encouraged';
  insert?: TextChange[];
  children: OutlineSection[];
}

interface SectionsOutline {
  stage?: string;
  summary: string;
  sections: OutlineSection[];
}

const STATE_ICON: Record<OutlineSection['state'], vscode.ThemeIcon> = {
  filled: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  empty: new vscode.ThemeIcon('circle-large-outline'),
  'template text left': new vscode.ThemeIcon('edit'),
  missing: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
};

export class KepSections implements vscode.TreeDataProvider<OutlineSection>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OutlineSection | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly statusBar = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  private outline: SectionsOutline | undefined;
  private uri: vscode.Uri | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.statusBar.command = SHOW_SECTIONS_COMMAND;
    this.statusBar.tooltip = 'KEP readiness for its stage: show the KEP sections';
    this.disposables.push(
      this.changed,
      this.statusBar,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.schedule(300);
      }),
      // Diagnostics arrive after the server analysed an edit: the outline is then fresh too.
      vscode.languages.onDidChangeDiagnostics(() => this.schedule(50)),
    );
    this.schedule(0);
  }

  /** The current outline, for tests and commands. */
  get current(): SectionsOutline | undefined {
    return this.outline;
  }

  schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const client = this.client();
    let outline: SectionsOutline | undefined;
    if (editor && editor.document.languageId === 'markdown' && client?.isRunning()) {
      try {
        outline = (await client.sendRequest<SectionsOutline | null>('kep/sectionsOutline', { uri: editor.document.uri.toString() })) ?? undefined;
      } catch {
        // The server is restarting: keep the last outline until it answers again.
        return;
      }
    }
    this.outline = outline;
    this.uri = outline ? editor?.document.uri : undefined;
    void vscode.commands.executeCommand('setContext', ACTIVE_KEP_CONTEXT, !!outline);
    if (outline) {
      this.statusBar.text = `$(checklist) ${outline.summary}`;
      this.statusBar.show();
    } else this.statusBar.hide();
    this.changed.fire(undefined);
  }

  getChildren(node?: OutlineSection): OutlineSection[] {
    return node ? node.children : (this.outline?.sections ?? []);
  }

  getTreeItem(node: OutlineSection): vscode.TreeItem {
    const item = new vscode.TreeItem(node.title, node.children.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const stage = this.outline?.stage;
    const need = node.requirement && stage ? `${node.requirement} for ${stage}` : undefined;
    item.description = [node.state, need, node.optional ? 'optional' : undefined].filter(Boolean).join(' · ');
    item.iconPath = STATE_ICON[node.state];
    item.contextValue = node.insert ? 'missing' : 'present';
    if (node.line !== undefined && this.uri) {
      item.command = { command: REVEAL_SECTION_COMMAND, title: 'Go to section', arguments: [this.uri, node.line] };
    }
    return item;
  }

  async insert(node: OutlineSection): Promise<boolean> {
    if (!node.insert || !this.uri) return false;
    const uri = this.uri;
    // The server adds the TOC rewrite the new headings call for; without an answer the section goes in alone.
    let changes = node.insert;
    const client = this.client();
    if (client?.isRunning()) {
      try {
        changes = (await client.sendRequest<TextChange[] | null>('kep/withTocUpdate', { uri: uri.toString(), changes })) ?? changes;
      } catch {
        // The server is restarting.
      }
    }
    const edit = new vscode.WorkspaceEdit();
    for (const c of changes) {
      edit.replace(uri, new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character), c.newText);
    }
    return vscode.workspace.applyEdit(edit);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

export function registerKepSections(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): KepSections {
  const sections = new KepSections(client);
  context.subscriptions.push(
    sections,
    vscode.window.createTreeView(SECTIONS_VIEW_ID, { treeDataProvider: sections }),
    vscode.commands.registerCommand(REVEAL_SECTION_COMMAND, async (uri: vscode.Uri, line: number) => {
      const editor = await vscode.window.showTextDocument(uri);
      const position = new vscode.Position(line, 0);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
    }),
    vscode.commands.registerCommand(INSERT_SECTION_COMMAND, (node: OutlineSection) => sections.insert(node)),
    vscode.commands.registerCommand(SHOW_SECTIONS_COMMAND, () => vscode.commands.executeCommand(`${SECTIONS_VIEW_ID}.focus`)),
  );
  return sections;
}
