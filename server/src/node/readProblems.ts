// Why a file or folder could not be read, in words, for kep-lint's stderr and the server's log. One
// wording for both entries, so a user who meets it in CI and in the editor reads the same remedy.
import { formatCount } from '../core/text/limits';
import type { Unread } from './fileSource';

const ERROR_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'its path is longer than the system allows',
  ELOOP: 'its symbolic links go round in a loop',
  ENOENT: 'it does not exist (a symbolic link to nothing?)',
  ENOTDIR: 'part of its path is not a folder',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
};

/** A file-system error as words: ours for the usual codes, Node's message for the rest. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return wordsFor(code, error instanceof Error ? error.message : String(error));
}

function wordsFor(code: string | undefined, message: string): string {
  return (code !== undefined && Object.hasOwn(ERROR_WORDS, code) ? ERROR_WORDS[code] : undefined) ?? message;
}

function mebibytes(bytes: number): string {
  return `${bytes / (1024 * 1024)} MiB (${formatCount(bytes)} bytes)`;
}

/** "could not be read whole" or, for a link out of the checked tree, "was not read": what happened to a file without its text. */
export function unreadVerb(why: Unread | undefined): string {
  return why?.kind === 'outside' ? 'was not read' : 'could not be read whole';
}

/** Why a file was loaded without its text, to follow "could not be read whole: " (no final stop). */
export function describeUnread(why: Unread): string {
  switch (why.kind) {
    case 'too-large':
      return why.statedSize > why.limit
        ? `it holds ${formatCount(why.statedSize)} bytes, more than the ${mebibytes(why.limit)} read of any one file`
        : `it went on past ${mebibytes(why.limit)}, the most read of any one file, though the file system gives its size as ` +
            `${formatCount(why.statedSize)} bytes (a link to a device or to a file under /proc?); replace it with the file itself`;
    case 'not-a-file':
      return 'it was replaced by something that is not a regular file (a FIFO or a device) while it was being opened';
    case 'error':
      return wordsFor(why.code, why.message);
    case 'outside':
      return `it is a link to ${why.target}, outside the tree being checked, and nothing is read there (in CI, a link in a pull request could otherwise bring a secret file's content into the findings); replace the link with the file itself`;
  }
}
