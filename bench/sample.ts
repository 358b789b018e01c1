// The enhancements sample the benchmarks run on (../shared/enhancements-sample, or KEP_SAMPLE), and the
// documents built from it: the largest README, the template's headings, the growth documents.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MarkdownIndex } from '../server/src/core/markdown/markdownIndex';
import { isPrrApprovalPath } from '../server/src/core/kep/prrApproval';
import { isCheckedMetadataFile } from '../server/src/core/features/metadataFiles';

function findSample(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared/enhancements-sample');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '../../..', 'shared/enhancements-sample');
  }
}

export const SAMPLE = process.env.KEP_SAMPLE ?? findSample();
export const TEMPLATE = path.join(SAMPLE, 'keps/NNNN-kep-template/README.md');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** Every README.md and kep.yaml under keps/, in a stable order (the template's included). */
export function sampleKepFiles(): { readmes: string[]; kepYamls: string[] } {
  const files = walk(path.join(SAMPLE, 'keps'));
  return { readmes: files.filter((f) => path.basename(f) === 'README.md'), kepYamls: files.filter((f) => path.basename(f) === 'kep.yaml') };
}

/**
 * The metadata files the server checks: every kep.yaml and production readiness approval file
 * under keps/, without the templates' own examples (isCheckedMetadataFile leaves those alone).
 */
export function sampleMetadataFiles(): { kepYamls: string[]; prrApprovals: string[] } {
  const files = walk(path.join(SAMPLE, 'keps')).filter(isCheckedMetadataFile);
  return { kepYamls: files.filter((f) => path.basename(f) === 'kep.yaml'), prrApprovals: files.filter(isPrrApprovalPath) };
}

/** The KEP READMEs, without the template. */
export function kepReadmes(): string[] {
  return sampleKepFiles().readmes.filter((f) => f !== TEMPLATE);
}

export function largestReadme(): string {
  return kepReadmes()
    .map((p) => ({ p, size: statSync(p).size }))
    .sort((a, b) => b.size - a.size)[0]!.p;
}

/** The template's headings as markdownlint's MD043 wants them: "## Summary", in document order. */
export function templateHeadings(): string[] {
  const index = MarkdownIndex.fromText(readFileSync(TEMPLATE, 'utf8'));
  return index.headings().map((h) => `${'#'.repeat(h.level)} ${h.text.trim()}`);
}

/** markdownlint's configuration for the peer runs: its default rules, and MD043 set to the template's headings. */
export function markdownlintConfig(): Record<string, unknown> {
  return { default: true, MD043: { headings: templateHeadings() } };
}

export interface GrowthDocument {
  /** Target size in bytes. */
  target: number;
  label: string;
  text: string;
}

export const GROWTH_SIZES: { target: number; label: string }[] = [
  { target: 10 * 1024, label: '10 KB' },
  { target: 50 * 1024, label: '50 KB' },
  { target: 170 * 1024, label: '170 KB' },
  { target: 1024 * 1024, label: '1 MB' },
];

/**
 * Sample KEP READMEs concatenated in path order and cut at the first line end past the target size,
 * so every document starts with a real KEP title and each bigger one extends the smaller ones.
 */
export function growthDocuments(sizes = GROWTH_SIZES): GrowthDocument[] {
  const largestTarget = Math.max(...sizes.map((s) => s.target));
  let all = '';
  for (const readme of kepReadmes()) {
    all += readFileSync(readme, 'utf8');
    if (!all.endsWith('\n')) all += '\n';
    if (Buffer.byteLength(all) > largestTarget + 4096) break;
  }
  return sizes.map(({ target, label }) => {
    // Characters and bytes differ a little (non-ASCII); cut by characters near the byte target.
    const end = all.indexOf('\n', Math.min(target, all.length - 1));
    return { target, label, text: end < 0 ? all : all.slice(0, end + 1) };
  });
}

export interface KepWorkspace {
  root: string;
  readme: string;
  remove(): void;
}

/**
 * A temporary enhancements layout holding `text` as a KEP README (keps/sig-x/9999-growth/README.md,
 * with the first sample KEP's kep.yaml) and the sample's template, so the server analyses it as a KEP.
 */
export function kepWorkspaceWith(text: string): KepWorkspace {
  const root = mkdtempSync(path.join(tmpdir(), 'kep-bench-'));
  const folder = path.join(root, 'keps/sig-x/9999-growth');
  mkdirSync(folder, { recursive: true });
  mkdirSync(path.join(root, 'keps/NNNN-kep-template'), { recursive: true });
  cpSync(TEMPLATE, path.join(root, 'keps/NNNN-kep-template/README.md'));
  const firstKep = path.dirname(kepReadmes()[0]!);
  const kepYaml = path.join(firstKep, 'kep.yaml');
  if (existsSync(kepYaml)) cpSync(kepYaml, path.join(folder, 'kep.yaml'));
  else writeFileSync(path.join(folder, 'kep.yaml'), 'title: Growth\nkep-number: 9999\nstatus: provisional\n');
  const readme = path.join(folder, 'README.md');
  writeFileSync(readme, text);
  return { root, readme, remove: () => rmSync(root, { recursive: true, force: true }) };
}
