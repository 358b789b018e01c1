// The one way a Node entry writes a workspace file (kep-lint --fix, and any later writer). Writes
// follow reads: a fix is computed from what was read, so it may only replace a file that was read
// whole and has not changed since, and only inside the tree being checked. A pull request can hold
// a link from `kep.yaml` to a file anywhere on the CI runner, or a kep.yaml too large to read
// whole; writing through the one, or over the other with a fix computed from a part of it, would
// damage what nobody asked to change.
import { closeSync, constants, fstatSync, ftruncateSync, mkdirSync, openSync, realpathSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { FileEntry } from '../core/workspace/snapshot';
import { stampOf } from './fileSource';
import { describeFsError } from './readProblems';

export type WriteOutcome = { written: true } | { written: false; reason: string };

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
// A FIFO in the file's place would hold an open for writing until a reader comes.
const NONBLOCK = constants.O_NONBLOCK ?? 0;

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !/^[a-zA-Z]:/.test(rel) && !rel.startsWith(sep));
}

function refuse(reason: string): WriteOutcome {
  return { written: false, reason };
}

/**
 * Writes `text` to `target` if that is safe: `read` is what the writer read there (the entry its
 * new text was computed from), `root` the tree being checked. Replaces a file only if it was read
 * whole, is still as it was read, and its real path is inside the real path of `root`; creates a
 * file only where nothing was read and nothing is now, in a folder inside `root` (made if needed).
 * Never follows a link out of `root`; says why it refused, in words for the user.
 */
export function writeWithinTree(root: string, target: string, text: string, read: FileEntry): WriteOutcome {
  let realRoot: string;
  try {
    realRoot = realpathSync.native(root);
  } catch (error) {
    return refuse(`the folder being checked, ${root}, cannot be resolved (${describeFsError(error)})`);
  }
  if (read.kind === 'folder') return refuse('it is a folder');
  if (read.kind === 'file' && read.text === undefined) {
    return refuse('it could not be read whole, so a change computed from it would lose what was not read');
  }
  try {
    return read.kind === 'file' ? replace(realRoot, target, text, read.stamp) : create(realRoot, target, text);
  } catch (error) {
    return refuse(describeFsError(error));
  }
}

function replace(realRoot: string, target: string, text: string, stamp: string): WriteOutcome {
  const real = realpathSync.native(target);
  if (!isInside(real, realRoot)) return refuse(`it is a link to ${real}, outside ${realRoot}`);
  // Opened without truncation: it is emptied only once it is known to be the file that was read.
  const fd = openSync(real, constants.O_WRONLY | NOFOLLOW | NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refuse('it is no longer a regular file');
    if (stampOf(stats) !== stamp) return refuse('it changed since it was read; check it again');
    ftruncateSync(fd, 0);
    writeAll(fd, text);
    return { written: true };
  } finally {
    closeSync(fd);
  }
}

function create(realRoot: string, target: string, text: string): WriteOutcome {
  // The nearest folder that exists decides where the new file really goes.
  const missing: string[] = [basename(target)];
  let folder = dirname(target);
  let realFolder: string | undefined;
  for (;;) {
    try {
      realFolder = realpathSync.native(folder);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(folder) === folder) throw error;
      missing.unshift(basename(folder));
      folder = dirname(folder);
    }
  }
  const real = join(realFolder, ...missing);
  if (!isInside(realFolder, realRoot) || !isInside(real, realRoot)) return refuse(`it would be written to ${real}, outside ${realRoot}`);
  mkdirSync(dirname(real), { recursive: true });
  // O_EXCL: whatever appeared there since the read (a file, a link, a FIFO) is not overwritten.
  let fd: number;
  try {
    fd = openSync(real, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW | NONBLOCK, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return refuse('something is there now that was not there when it was read; check it again');
    throw error;
  }
  try {
    writeAll(fd, text);
    return { written: true };
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}
