// The contexts metadata rules read (a kep.yaml's, a PRR approval file's) and how they are built. Everything that needs another file (the README's
// title, the PRR approval file, OWNERS_ALIASES) is read lazily through WorkspaceFiles, once per
// analysis, so a rule that does not need it costs nothing.
import { kepYamlFromDocument, textOf, type KepYaml } from './kepYaml';
import { readPrrApproval, type PrrApproval } from './prrApproval';
import { basename, dirname, joinPath } from '../workspace/files';
import { enhancementsLocation, kepFolder, workspaceFacts, type KepFolder, type ListingWorkspaceFiles, type WorkspaceFacts } from './workspaceFacts';
import { parseYaml, type YamlDocument } from './yamlDocument';
import { checkShape, type ShapeProblem } from './schemaShape';

export interface ReadmeTitle {
  /** The number in the README's first heading, `# KEP-1234: …`. */
  number: string;
  line: number;
}

export interface PrrLookup {
  /** Where upstream CI looks for the approval file. */
  path: string;
  /** The path relative to the enhancements root, for messages. */
  relativePath: string;
  /** The parsed file, or undefined when it does not exist or could not be read. */
  approval: PrrApproval | undefined;
  /** The file is there but was not read (too large, not a regular file, a link out of the checked tree). */
  unreadable?: boolean;
}

interface MetadataContextBase {
  path: string;
  text: string;
  document: YamlDocument;
  files: ListingWorkspaceFiles;
  facts: WorkspaceFacts;
  /** Unknown keys, wrong shapes and missing required fields, checked against the JSON Schema. */
  shape(): ShapeProblem[];
}

export interface KepYamlContext extends MetadataContextBase {
  kind: 'kep.yaml';
  kep: KepYaml;
  folder: KepFolder;
  /** The number in the sibling README.md's first heading, when it has one. */
  readmeTitle(): ReadmeTitle | undefined;
  /** The approval file upstream CI would read, or undefined without owning-sig, kep-number or an enhancements root. */
  prrFile(): PrrLookup | undefined;
}

export interface PrrApprovalContext extends MetadataContextBase {
  kind: 'prr';
  prr: PrrApproval;
  /** The file name without `.yaml`: the KEP number upstream looks it up by. */
  fileNumber: string;
  /** The group folder the file sits in. */
  group: string | undefined;
  isTemplate: boolean;
}

/** A parsed PRR file is reused while its text is unchanged (a KEP edit re-reads it every keystroke). */
const prrCache = new Map<string, { text: string; lookup: PrrLookup }>();

function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

const README_NAMES = ['README.md', 'README.MD', 'readme.md'];

/** The first heading line of a README (outside HTML comments and code fences), and its KEP number. */
export function readmeTitleOf(text: string): ReadmeTitle | undefined {
  let inComment = false;
  let fence: string | undefined;
  let line = 0;
  let pos = 0;
  // Only the start of the file matters; stop after a bounded number of lines.
  while (pos <= text.length && line < 2000) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const l = text.slice(pos, end).replace(/\r$/, '');
    if (fence) {
      if (l.trimStart().startsWith(fence)) fence = undefined;
    } else if (inComment) {
      if (l.includes('-->')) inComment = false;
    } else if (/^\s{0,3}(```|~~~)/.test(l)) fence = l.trim().slice(0, 3);
    else if (l.startsWith('<!--') && !l.includes('-->', 4)) inComment = true;
    else if (/^#{1,6}(\s|$)/.test(l)) {
      const m = /\bKEP-(\d+)\b/i.exec(l);
      return m ? { number: m[1], line } : undefined;
    }
    line++;
    pos = end + 1;
  }
  return undefined;
}

export function createKepYamlContext(path: string, text: string, files: ListingWorkspaceFiles): KepYamlContext {
  const document = parseYaml(text);
  const kep = kepYamlFromDocument(document);
  const facts = workspaceFacts(path, files);
  const folder = kepFolder(path);
  return {
    kind: 'kep.yaml',
    path,
    text,
    document,
    files,
    facts,
    kep,
    folder,
    shape: lazy((): ShapeProblem[] => checkShape(document, 'kep')),
    readmeTitle: lazy(() => {
      for (const name of README_NAMES) {
        const readme = joinPath(dirname(path), name);
        const content = files.exists(readme) ? files.readText(readme) : undefined;
        if (content !== undefined) return readmeTitleOf(content);
      }
      return undefined;
    }),
    prrFile: lazy((): PrrLookup | undefined => {
      const root = facts.root;
      const sig = textOf(kep.owningSig);
      const number = textOf(kep.kepNumber);
      if (root === undefined || !sig || !number || sig.includes('/') || number.includes('/')) return undefined;
      const relativePath = `keps/prod-readiness/${sig}/${number}.yaml`;
      const prrPath = joinPath(root, relativePath);
      const present = files.exists(prrPath);
      const prrText = present ? files.readText(prrPath) : undefined;
      if (prrText === undefined) return { path: prrPath, relativePath, approval: undefined, ...(present ? { unreadable: true } : {}) };
      const cached = prrCache.get(prrPath);
      if (cached && cached.text === prrText) return cached.lookup;
      const lookup: PrrLookup = { path: prrPath, relativePath, approval: readPrrApproval(prrText) };
      if (prrCache.size > 64) prrCache.clear();
      prrCache.set(prrPath, { text: prrText, lookup });
      return lookup;
    }),
  };
}

export function createPrrApprovalContext(path: string, text: string, files: ListingWorkspaceFiles): PrrApprovalContext {
  const prr = readPrrApproval(text);
  const document = prr.document;
  const location = enhancementsLocation(path);
  const group = location && location.segments[0] === 'prod-readiness' && location.segments.length === 3 ? location.segments[1] : undefined;
  return {
    kind: 'prr',
    path,
    text,
    document,
    files,
    facts: workspaceFacts(path, files),
    prr,
    fileNumber: basename(path).replace(/\.ya?ml$/i, ''),
    group,
    isTemplate: group === 'template' || /^n+$/i.test(basename(path).replace(/\.ya?ml$/i, '')),
    shape: lazy((): ShapeProblem[] => checkShape(document, 'prr')),
  };
}
