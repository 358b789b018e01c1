// WorkspaceFiles backed by the file system, for the server and the CLI. Reads are cached and
// revalidated by size and modification time, so an analysis per keystroke costs a stat, not a read.
// Files larger than MAX_FILE_BYTES are treated as unreadable rather than loaded.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { WorkspaceFiles } from './model/workspace';

export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export class FileWorkspace implements WorkspaceFiles {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; text: string | undefined }>();
  private readonly listings = new Map<string, { mtimeMs: number; names: string[] | undefined }>();
  /** Texts that take precedence over the disk: documents open in the editor. */
  private readonly overlay = new Map<string, () => string>();

  setOverlay(path: string, text: (() => string) | undefined): void {
    if (text) this.overlay.set(path, text);
    else this.overlay.delete(path);
  }

  readText(path: string): string | undefined {
    const open = this.overlay.get(path);
    if (open) return open();
    let stat;
    try {
      stat = statSync(path);
    } catch {
      this.cache.delete(path);
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const cached = this.cache.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
    let text: string | undefined;
    if (stat.size <= MAX_FILE_BYTES) {
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        text = undefined;
      }
    }
    this.cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  }

  exists(path: string): boolean {
    if (this.overlay.has(path)) return true;
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  }

  listDirectory(path: string): string[] | undefined {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      this.listings.delete(path);
      return undefined;
    }
    if (!stat.isDirectory()) return undefined;
    const cached = this.listings.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.names;
    let names: string[] | undefined;
    try {
      names = readdirSync(path).sort();
    } catch {
      names = undefined;
    }
    this.listings.set(path, { mtimeMs: stat.mtimeMs, names });
    return names;
  }

  forget(path: string): void {
    this.cache.delete(path);
    this.listings.delete(path);
  }
}

/** Absolute '/'-separated form of a native path, the form the analysis core uses. */
export function toCorePath(nativePath: string): string {
  return nativePath.replace(/\\/g, '/');
}
