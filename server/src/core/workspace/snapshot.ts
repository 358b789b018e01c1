// The files an analysis reads, as gathered so far: how the synchronous core meets an asynchronous
// file system. The core reads through WorkspaceFiles and never waits; an entry (the language server,
// kep-lint) runs it against a snapshot, and a read of a path the snapshot does not hold yet answers
// "absent" and is noted as missing. The entry then loads what was missing, asynchronously and with
// bounded reads (settle.ts), and runs the analysis again, until a run misses nothing: only that
// run's result is used. What was loaded stays for the next analysis, so typing in a README whose
// neighbours are known runs once, synchronously. File watchers invalidate entries; the paths no
// watcher covers are re-checked (`verify`) before an analysis that read them is used.
import type { WorkspaceFiles } from './files';

/** What a path held when it was loaded. */
export type FileEntry =
  /** A file of `size` bytes; `text` is undefined when it is too large to read or could not be read. */
  | { kind: 'file'; text: string | undefined; size: number; stamp: string }
  /** A folder; `names` is undefined when it could not be listed. */
  | { kind: 'folder'; names: string[] | undefined; stamp: string }
  /** Nothing, or something that is neither a file nor a folder (a socket, a device). */
  | { kind: 'absent' };

interface Held {
  entry: FileEntry;
  /** The run (see beginRun) in which the entry was last loaded or found unchanged. */
  checkedIn: number;
}

export class WorkspaceSnapshot implements WorkspaceFiles {
  private readonly held = new Map<string, Held>();
  /** Texts that take precedence over what was loaded: documents open in the editor. */
  private readonly overlay = new Map<string, () => string>();
  private readonly missing = new Set<string>();
  private readonly unverified = new Set<string>();
  /**
   * Bumped whenever something held is found changed or forgotten, so that a load that began before
   * is not stored: it may have read the old content (the path stays missing and is loaded again).
   * Changes are rare beside loads, so one counter for all paths costs little.
   */
  private changes = 0;
  private run = 0;
  /** Entries checked before this run whose path `verifyPath` accepts are noted as unverified. */
  private verifyFrom = 0;
  private verifyPath: ((path: string) => boolean) | undefined;

  // ---- WorkspaceFiles, for the core ----

  readText(path: string): string | undefined {
    const open = this.overlay.get(path);
    if (open) return open();
    const entry = this.lookup(path);
    return entry?.kind === 'file' ? entry.text : undefined;
  }

  exists(path: string): boolean {
    if (this.overlay.has(path)) return true;
    return this.lookup(path)?.kind === 'file';
  }

  listDirectory(path: string): string[] | undefined {
    const entry = this.lookup(path.replace(/\/+$/, '') || '/');
    return entry?.kind === 'folder' ? entry.names : undefined;
  }

  // ---- for the entries ----

  setOverlay(path: string, text: (() => string) | undefined): void {
    if (text) this.overlay.set(path, text);
    else this.overlay.delete(path);
  }

  /**
   * Starts a run of an analysis. Every entry it reads whose path `verify` accepts and that was not
   * checked in this run or later is noted as unverified (the entry re-checks those before it uses
   * the result); without `verify`, entries are trusted until invalidated. Returns the run's number,
   * for `store`, `confirm` and `continueRun`.
   */
  beginRun(verify?: (path: string) => boolean): number {
    this.run++;
    this.continueRun(this.run, verify);
    return this.run;
  }

  /** Continues run `run` (a later round of the same analysis): entries checked since it count as checked. */
  continueRun(run: number, verify?: (path: string) => boolean): void {
    this.verifyFrom = run;
    this.verifyPath = verify;
    this.missing.clear();
    this.unverified.clear();
  }

  /** The paths the last run read and the snapshot did not hold. */
  takeMissing(): string[] {
    const out = [...this.missing];
    this.missing.clear();
    return out;
  }

  /** The paths the last run read from entries not checked since verification began. */
  takeUnverified(): string[] {
    const out = [...this.unverified];
    this.unverified.clear();
    return out;
  }

  /** The entry held for a path, without noting anything (for verification). */
  peek(path: string): FileEntry | undefined {
    return this.held.get(path)?.entry;
  }

  /** Changes so far: taken when a load begins, and given back to `store`. */
  get generation(): number {
    return this.changes;
  }

  /** Stores what a path held, unless something changed since its load began (at `generation`). */
  store(path: string, entry: FileEntry, generation: number, run: number): void {
    if (this.changes !== generation) return;
    this.held.set(path, { entry, checkedIn: run });
  }

  /** The entry of `path` was found unchanged during `run`. */
  confirm(path: string, run: number): void {
    const held = this.held.get(path);
    if (held && held.checkedIn < run) held.checkedIn = run;
  }

  /**
   * A path changed (a file watcher said so, or verification found it changed): forgets it, what
   * lies below it (it may have been a folder), and the listings of the folders above it (a file
   * created or deleted changes them).
   */
  invalidate(path: string): void {
    this.changes++;
    const below = path.replace(/\/+$/, '') + '/';
    for (const key of [...this.held.keys()]) {
      if (key === path || key.startsWith(below)) this.held.delete(key);
    }
    let dir = path;
    for (;;) {
      const cut = dir.lastIndexOf('/');
      if (cut < 0) break;
      dir = cut === 0 ? '/' : dir.slice(0, cut);
      if (this.held.get(dir)?.entry.kind === 'folder') this.held.delete(dir);
      if (dir === '/') break;
    }
  }

  /** Forgets one path's entry (verification found it changed); a folder's entries below it stay. */
  drop(path: string): void {
    this.changes++;
    this.held.delete(path);
  }

  private lookup(path: string): FileEntry | undefined {
    const held = this.held.get(path);
    if (!held) {
      this.missing.add(path);
      return undefined;
    }
    if (this.verifyPath && held.checkedIn < this.verifyFrom && this.verifyPath(path)) this.unverified.add(path);
    return held.entry;
  }
}
