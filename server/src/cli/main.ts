// kep-lint: the language server's checks over files on disk, for CI and the terminal.
// Usage: kep-lint [--format text|json|sarif|github] [--rule id=severity]… [paths…]
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MAX_FILE_BYTES, NodeFileSource, readHead, toCorePath, type Unread } from '../node/fileSource';
import { describeUnread, unreadVerb } from '../node/readProblems';
import { terminalSafe } from './terminalText';
import { MissingPath, walk, type WalkResult } from './walk';
import { WorkspaceSnapshot } from '../core/workspace/snapshot';
import { settle } from '../core/workspace/settle';
import { MarkdownIndex } from '../core/markdown/markdownIndex';
import { MAX_METADATA_CHARS, MAX_README_CHARS } from '../core/text/limits';
import { formatFindings, type FileReport, type OutputFormat } from './format';
import { SEVERITIES, type SeveritySetting } from '../core/rules/rule';
import { inputProblemFindings, KepAnalyzer, type AnalysisSettings } from '../core/features/analysis';
import { analyzeMetadataFile, isCheckedMetadataFile } from '../core/features/metadataFiles';
import { ALL_RULE_IDS } from '../core/features/ruleCatalog';
import { VERSION } from '../core/version';

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];
/** How many files are loaded at once before the analyses start. */
const LOAD_BATCH = 32;

const HELP = `kep-lint ${VERSION}: check Kubernetes Enhancement Proposals (KEP READMEs).

Usage: kep-lint [options] [paths...]

Paths are files or folders to search (default: the current folder).
Checked files: KEP READMEs (a Markdown file whose folder holds a kep.yaml, that
lies in keps/<sig>/<NNNN-name>/, or whose first heading is 'KEP-<number>: ...'),
kep.yaml files, and production readiness approval files
(keps/prod-readiness/<sig>/<number>.yaml).

Options:
  --format <text|json|sarif|github>  output format (default: text)
  --rule <id>=<severity>             change a rule's severity, or turn it off;
                                     severity: off, hint, info, warning, error (repeatable)
  --template <path>                  use this template README instead of the workspace's
  -h, --help                         show this help
  -v, --version                      show the version

Rules: ${ALL_RULE_IDS.join(', ')}
Files too large or not text enough to analyse get one 'input-limit' warning
instead of their checks (limits: see the README's "Limits" section).
Exit status: 0 no errors, 1 at least one error reported or a file that could not
be read or checked (said on stderr), 2 bad usage.
`;

class UsageError extends Error {}

interface Options {
  format: OutputFormat;
  settings: AnalysisSettings;
  paths: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const options: Options = { format: 'text', settings: { rules: {} }, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (name: string): string => {
      const eq = arg.indexOf('=');
      if (arg.startsWith('--') && eq > 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '-v' || arg === '--version') return 'version';
    if (arg === '--format' || arg.startsWith('--format=')) {
      const format = value('--format');
      if (!FORMATS.includes(format as OutputFormat)) throw new UsageError(`unknown format '${format}'; use one of: ${FORMATS.join(', ')}`);
      options.format = format as OutputFormat;
    } else if (arg === '--rule' || arg.startsWith('--rule=')) {
      const spec = value('--rule');
      const [id, severity] = spec.split('=');
      if (!id || severity === undefined) throw new UsageError(`--rule takes <id>=<severity>, got '${spec}'`);
      if (!ALL_RULE_IDS.includes(id)) throw new UsageError(`unknown rule '${id}'; rules: ${ALL_RULE_IDS.join(', ')}`);
      if (severity !== 'off' && !SEVERITIES.includes(severity as never))
        throw new UsageError(`unknown severity '${severity}' for rule '${id}'; use off, hint, info, warning or error`);
      options.settings.rules[id] = severity as SeveritySetting;
    } else if (arg === '--template' || arg.startsWith('--template=')) {
      options.settings.templatePath = toCorePath(resolve(value('--template')));
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option '${arg}'`);
    } else options.paths.push(arg);
  }
  if (!options.paths.length) options.paths.push('.');
  return options;
}

function isCandidate(name: string, fullPath: string): boolean {
  return /\.md$/i.test(name) || isCheckedMetadataFile(toCorePath(resolve(fullPath)));
}

/** A path the core names, as the user would write it from here: relative inside the current folder. */
function displayPath(corePath: string): string {
  const fromHere = relative(process.cwd(), corePath);
  return fromHere && fromHere !== '..' && !fromHere.startsWith(`..${sep}`) && !isAbsolute(fromHere) ? toCorePath(fromHere) : corePath;
}

/**
 * The real paths kep-lint reads in: for each path given, the enhancements checkout it lies in (the
 * nearest folder at or above it that holds `keps/`), else the path itself (a file's folder); and the
 * template named with --template. Nothing outside them is read, whatever a link points at.
 */
function checkedTrees(paths: readonly string[], templatePath: string | undefined): string[] {
  const trees = new Set<string>();
  const add = (path: string, isFolder: boolean): void => {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return;
    }
    const start = isFolder ? real : dirname(real);
    for (let folder = start; ; folder = dirname(folder)) {
      if (existsSync(join(folder, 'keps'))) return void trees.add(folder);
      if (dirname(folder) === folder) break;
    }
    trees.add(start);
  };
  for (const path of paths) add(resolve(path), isFolderPath(resolve(path)));
  if (templatePath) add(templatePath, false);
  return [...trees];
}

function isFolderPath(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(argv: string[]): Promise<number> {
  let options: Options | 'help' | 'version';
  let walked: WalkResult;
  try {
    options = parseArgs(argv);
    if (options === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    if (options === 'version') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    walked = walk(options.paths, isCandidate);
  } catch (error) {
    if (error instanceof UsageError || error instanceof MissingPath) {
      process.stderr.write(`kep-lint: ${terminalSafe(error.message)}\nRun 'kep-lint --help' for usage.\n`);
      return 2;
    }
    throw error;
  }
  const settings = options.settings;
  const candidates = walked.files;

  // One snapshot for the whole run, as the language server keeps one: each file is loaded once
  // (bounded), and an analysis that reads a file not loaded yet is run again once it is (settle.ts).
  // Nothing changes under a run, so nothing is re-verified.
  // Why each file loaded without its text was: the files checked say it for themselves, and the
  // others (a template, a kep.yaml, an approval file the checks read) are named at the end.
  const unread = new Map<string, Unread>();
  const source = new NodeFileSource((path, why) => unread.set(path, why), checkedTrees(options.paths, settings.templatePath));
  const files = new WorkspaceSnapshot();
  const analyzer = new KepAnalyzer(files);
  const loadTarget = async (path: string) => {
    const generation = files.generation;
    const entry = await source.load(path);
    files.store(path, entry, generation, 0);
    return entry;
  };
  // Files are loaded a batch of LOAD_BATCH at a time, the next batch while this one is checked: the
  // files to check, then what each README's analysis reads besides itself (its kep.yaml, the
  // template), so that the analyses run one after the other without waiting for a read.
  const paths = candidates.map((display) => toCorePath(resolve(display)));
  const preloads = new Map<number, Promise<void>>();
  const preload = (batch: number): Promise<void> => {
    let loading = preloads.get(batch);
    if (!loading) {
      const slice = paths.slice(batch * LOAD_BATCH, (batch + 1) * LOAD_BATCH);
      const readmes = (): string[] => slice.filter((path) => /\.md$/i.test(path) && files.peek(path)?.kind === 'file');
      loading = Promise.all(slice.map(loadTarget))
        .then(() => Promise.all(readmes().map((path) => settle(files, source, () => undefined, { prepare: () => analyzer.prepare(path, settings) }))))
        // A failure here is met again, and reported, when the file itself is checked.
        .then(
          () => undefined,
          () => undefined,
        );
      preloads.set(batch, loading);
    }
    return loading;
  };

  const reports: FileReport[] = [];
  const progress = process.stderr.isTTY && candidates.length > 20;
  let failed = false;
  const note = (display: string, what: string): void => {
    process.stderr.write(`${progress ? '\n' : ''}kep-lint: ${terminalSafe(display)}: ${terminalSafe(what)}\n`);
  };
  const complain = (display: string, what: string): void => {
    note(display, what);
    failed = true;
  };
  for (const { path, reason } of walked.problems) complain(path, reason);
  for (const { path, target } of walked.notFollowed)
    note(path, `not followed: it is a link to ${target}, outside the paths given to kep-lint (name that folder to check it)`);
  for (const [i, display] of candidates.entries()) {
    if (progress) process.stderr.write(`\rkep-lint: checking ${i + 1}/${candidates.length}…`);
    if (i % LOAD_BATCH === 0) {
      await preload(i / LOAD_BATCH);
      void preload(i / LOAD_BATCH + 1);
    }
    const path = toCorePath(resolve(display));
    const markdown = /\.md$/i.test(path);
    try {
      const entry = files.peek(path) ?? (await loadTarget(path));
      // Vanished since the walk, or not a file any more: nothing to check.
      if (entry.kind !== 'file') continue;
      if (entry.size > MAX_FILE_BYTES) {
        // Too large to read at all: its start tells whether it is a KEP, and it gets the one finding.
        if (markdown) {
          const head = readHead(path, 64 * 1024);
          if (head.unread) {
            complain(display, `could not be read, so it was not checked: ${describeUnread(head.unread)}.`);
            continue;
          }
          if (!analyzer.isKepText(path, head.text)) continue;
        }
        const problem = { kind: 'too-large', size: entry.size, limit: markdown ? MAX_README_CHARS : MAX_METADATA_CHARS, unit: 'bytes' } as const;
        reports.push({ file: display, findings: inputProblemFindings(path, markdown ? 'readme' : 'metadata', problem, settings) });
        continue;
      }
      const text = entry.text;
      if (text === undefined) {
        const why = unread.get(path);
        complain(display, `${unreadVerb(why)}, so it was not checked${why ? `: ${describeUnread(why)}` : ''}.`);
        continue;
      }
      // Indexed once: when the analysis runs again for files it had to load, it reuses the parse.
      const readme = markdown && text.length <= MAX_README_CHARS ? MarkdownIndex.fromText(text) : undefined;
      const findings = await settle(
        files,
        source,
        () =>
          readme
            ? analyzer.analyzeIndex(path, readme, settings)
            : markdown
              ? analyzer.analyzeText(path, text, settings)
              : analyzeMetadataFile(path, text, files, settings),
        { prepare: readme ? () => analyzer.prepare(path, settings) : undefined },
      );
      if (findings) reports.push({ file: display, findings });
    } catch (error) {
      // A bug of ours must not hide the other files' findings, nor print a stack trace at the user.
      complain(display, `could not be checked (internal error: ${describeError(error)}); please report it`);
    }
  }
  if (progress) process.stderr.write('\r\x1b[K');
  // A file the checks read besides the one checked (its kep.yaml, the template, an approval file,
  // OWNERS_ALIASES) that could not be read whole was treated as missing: findings that depend on it
  // may be wrong, so the run says which file and why, and fails.
  const checked = new Set(paths);
  for (const [path, why] of unread) {
    if (!checked.has(path)) complain(displayPath(path), `${unreadVerb(why)}, so the checks that read it took it as missing: ${describeUnread(why)}.`);
  }
  process.stdout.write(formatFindings(reports, options.format, VERSION));
  return failed || reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

// A reader that stops early (`kep-lint … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`kep-lint: internal error: ${terminalSafe(describeError(error))}; please report it\n`);
    process.exitCode = 1;
  },
);
