// kep-lint's walk: the files to check under the paths given. Each real folder is visited once, so
// a link back up the tree (`a -> .`) neither repeats every file nor, with two of them, makes the
// walk exponential; links to folders out of the folders given are not followed, so that a link to
// `/` in a pull request cannot make CI walk the runner's whole disk. Anything the walk
// cannot enter or examine is returned as a problem, never skipped in silence.
import { readdirSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import { join, sep } from 'node:path';
import { describeFsError } from '../node/readProblems';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface WalkResult {
  /** Files to check, as the user spelled them (a given path, joined with the names below it). */
  files: string[];
  /** What could not be looked into, and why: the run fails on these. */
  problems: { path: string; reason: string }[];
  /** Links not followed because they lead out of the folders given: said, but not a failure. */
  notFollowed: { path: string; target: string }[];
}

/** A path given on the command line that does not exist: a usage error. */
export class MissingPath extends Error {
  constructor(readonly path: string) {
    super(`no such file or folder: ${path}`);
  }
}

function isInside(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep));
}

/**
 * The files under `paths` that `isCandidate(name, path)` accepts, and everything that stopped the
 * walk from looking. Throws MissingPath for a given path that does not exist.
 */
export function walk(paths: readonly string[], isCandidate: (name: string, path: string) => boolean): WalkResult {
  const result: WalkResult = { files: [], problems: [], notFollowed: [] };
  const visited = new Set<string>();
  const roots: string[] = [];
  const given: { path: string; stats: BigIntStats }[] = [];
  for (const path of paths) {
    let stats: BigIntStats;
    try {
      stats = statSync(path, { bigint: true });
      roots.push(realpathSync.native(path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new MissingPath(path);
      result.problems.push({ path, reason: `could not be examined (${describeFsError(error)}), so it was not checked` });
      continue;
    }
    given.push({ path, stats });
  }

  const enter = (path: string, stats: BigIntStats): void => {
    const id = `${stats.dev}:${stats.ino}`;
    if (visited.has(id)) return;
    visited.add(id);
    let names: string[];
    try {
      names = readdirSync(path).sort();
    } catch (error) {
      result.problems.push({ path, reason: `could not be listed (${describeFsError(error)}), so nothing in it was checked` });
      return;
    }
    for (const name of names) {
      if (SKIPPED_FOLDERS.has(name)) continue;
      const full = join(path, name);
      let entry: BigIntStats;
      try {
        entry = statSync(full, { bigint: true });
      } catch (error) {
        // A link to nothing matters only where a checked file was meant to be.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !isCandidate(name, full)) continue;
        result.problems.push({ path: full, reason: `could not be examined (${describeFsError(error)}), so neither it nor anything in it was checked` });
        continue;
      }
      if (entry.isFile()) {
        if (isCandidate(name, full)) result.files.push(full);
        continue;
      }
      if (!entry.isDirectory()) continue;
      let real: string;
      try {
        real = realpathSync.native(full);
      } catch (error) {
        result.problems.push({ path: full, reason: `could not be examined (${describeFsError(error)}), so nothing in it was checked` });
        continue;
      }
      if (isInside(real, roots)) enter(full, entry);
      else result.notFollowed.push({ path: full, target: real });
    }
  };

  for (const { path, stats } of given) {
    if (stats.isDirectory()) enter(path, stats);
    else result.files.push(path);
  }
  return result;
}
