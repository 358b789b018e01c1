// The only way the analysis core learns about other files. The language server implements it with
// the file system plus the editor's open documents; the CLI with the file system; tests in memory.
// Paths are absolute and use '/' separators.
export interface WorkspaceFiles {
  /** The file's text, or undefined when it does not exist or cannot be read as text. */
  readText(path: string): string | undefined;
  exists(path: string): boolean;
  /** Names of a folder's entries, or undefined when it cannot be listed (optional: only some facts need it). */
  listDirectory?(path: string): string[] | undefined;
}

export function dirname(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, ...parts: string[]): string {
  return [dir.replace(/\/+$/, ''), ...parts].join('/');
}

/** Folders from `path`'s own folder up to the root, nearest first. */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  let dir = dirname(path);
  for (;;) {
    out.push(dir);
    if (dir === '/' || !dir.includes('/')) break;
    dir = dirname(dir);
  }
  return out;
}

export class InMemoryWorkspace implements WorkspaceFiles {
  constructor(private readonly files: Map<string, string> = new Map()) {}
  set(path: string, text: string): this {
    this.files.set(path, text);
    return this;
  }
  delete(path: string): void {
    this.files.delete(path);
  }
  readText(path: string): string | undefined {
    return this.files.get(path);
  }
  exists(path: string): boolean {
    return this.files.has(path);
  }
  listDirectory(path: string): string[] | undefined {
    const prefix = path.replace(/\/+$/, '') + '/';
    const names = new Set<string>();
    for (const file of this.files.keys()) {
      if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0]);
    }
    return names.size ? [...names].sort() : undefined;
  }
}
