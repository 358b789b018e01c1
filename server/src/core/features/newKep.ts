// "New KEP": the folder and files a new KEP starts with, planned from the workspace's template.
// Pure: the caller lists the workspace (through WorkspaceFiles) and writes the files.
import { MarkdownIndex } from '../markdown/markdownIndex';
import { tocReplacement } from '../markdown/toc';
import { joinPath, type WorkspaceFiles } from '../workspace/files';
import { BUNDLED_TEMPLATE_HEADINGS } from '../kep/bundledTemplate';
import { TEMPLATE_RELATIVE_PATH } from '../kep/kepLocation';

export interface NewKepInput {
  /** The enhancements checkout: the folder that holds keps/. */
  root: string;
  sig: string;
  title: string;
  /** The enhancement issue number. */
  number: string;
  /** GitHub handles, with or without '@'. */
  authors: string[];
  /** yyyy-mm-dd */
  today: string;
}

export interface PlannedFile {
  path: string;
  text: string;
}

export type NewKepPlan = { folder: string; files: PlannedFile[] } | { error: string };

export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** Where a KEP number is already used: keps/<sig>/<number>-<name>, also one level deeper. */
function folderWithNumber(files: WorkspaceFiles, root: string, number: string): string | undefined {
  const keps = joinPath(root, 'keps');
  for (const sig of files.listDirectory?.(keps) ?? []) {
    if (sig === 'prod-readiness') continue;
    for (const name of files.listDirectory?.(joinPath(keps, sig)) ?? []) {
      if (name.startsWith(`${number}-`)) return `keps/${sig}/${name}`;
      if (/^\d+-/.test(name)) continue;
      for (const inner of files.listDirectory?.(joinPath(keps, sig, name)) ?? []) {
        if (inner.startsWith(`${number}-`)) return `keps/${sig}/${name}/${inner}`;
      }
    }
  }
  return undefined;
}

function readmeText(template: string | undefined, number: string, title: string): string {
  const base =
    template ??
    [
      `# KEP-NNNN: ${title}`,
      '',
      '<!-- toc -->',
      '<!-- /toc -->',
      '',
      ...BUNDLED_TEMPLATE_HEADINGS.filter(([level]) => level > 1).flatMap(([level, heading]) => [`${'#'.repeat(level)} ${heading}`, '']),
    ].join('\n');
  const titled = base.replace(/^#[ \t]+KEP-NNNN:.*$/m, `# KEP-${number}: ${title}`);
  const index = MarkdownIndex.fromText(titled);
  const toc = tocReplacement(index);
  if (!toc) return titled;
  index.applyEdit({ startLine: toc.startLine, startCharacter: toc.startCharacter, endLine: toc.endLine, endCharacter: toc.endCharacter, text: toc.newText });
  return index.getText();
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

function kepYamlText(input: NewKepInput): string {
  const handles = input.authors
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => (a.startsWith('@') ? a : `@${a}`));
  return [
    `title: ${yamlString(input.title)}`,
    `kep-number: ${input.number}`,
    'authors:',
    ...(handles.length ? handles : ['@your-github-handle']).map((h) => `  - ${yamlString(h)}`),
    `owning-sig: ${input.sig}`,
    'participating-sigs: []',
    'status: provisional',
    `creation-date: ${input.today}`,
    'reviewers:',
    '  - TBD',
    'approvers:',
    '  - TBD',
    '',
  ].join('\n');
}

export function planNewKep(input: NewKepInput, files: WorkspaceFiles): NewKepPlan {
  const title = input.title.trim();
  const number = input.number.trim().replace(/^#/, '');
  if (!title) return { error: 'Give the KEP a title.' };
  if (!/^[1-9]\d*$/.test(number))
    return { error: `'${input.number}' is not an enhancement issue number: use the number of the issue in kubernetes/enhancements, without leading zeros.` };
  const sigs = (files.listDirectory?.(joinPath(input.root, 'keps')) ?? []).filter((n) => n !== 'prod-readiness' && !/^NNNN-/.test(n));
  if (!sigs.includes(input.sig)) return { error: `There is no folder keps/${input.sig} in this workspace: pick one of ${sigs.join(', ') || '(none found)'}.` };
  const slug = slugify(title);
  if (!slug) return { error: 'The title needs letters or digits to name the folder.' };
  const folder = `keps/${input.sig}/${number}-${slug}`;
  if (files.listDirectory?.(joinPath(input.root, folder)) !== undefined || files.exists(joinPath(input.root, folder, 'README.md'))) {
    return { error: `${folder} already exists.` };
  }
  const taken = folderWithNumber(files, input.root, number);
  if (taken) return { error: `KEP number ${number} is already used by ${taken}.` };
  const template = files.readText(joinPath(input.root, TEMPLATE_RELATIVE_PATH));
  return {
    folder,
    files: [
      { path: joinPath(input.root, folder, 'README.md'), text: readmeText(template, number, title) },
      { path: joinPath(input.root, folder, 'kep.yaml'), text: kepYamlText({ ...input, title, number }) },
    ],
  };
}
