// Hover in KEP metadata files. On a kep.yaml key: what the field means (the schema's
// description), its allowed values, and what the KEP's current stage asks of it (kep-facts §2,
// with the stage and status read from the same file). On values: the meaning of a status or
// stage value; where a feature gate is named in the sibling README; whether a community group is
// known. In a production readiness approval file: the keys, and whether an approver is listed in
// OWNERS_ALIASES.
//
// The Markdown is our own words plus document text, which goes through markdownEscape (mostly as
// code spans), so nothing from the document is rendered as Markdown or HTML. No command links.
// Invariant: hoverMetadata never throws; on anything unexpected it returns undefined.
import { fieldInfo, schemaAt } from '../kep/kepSchema';
import { prrRequirement } from '../kep/milestones';
import { readPrrApproval } from '../kep/prrApproval';
import { basename, joinPath, type WorkspaceFiles } from '../workspace/files';
import { isPlaceholderGateName } from '../kep/kepYaml';
import { BUNDLED_PRR_APPROVERS, BUNDLED_PRR_APPROVERS_EMERITUS, enhancementsLocation, workspaceFacts } from '../kep/workspaceFacts';
import { closest } from '../rules/metadata/util';
import { markdownCode as code, markdownText } from '../text/markdownEscape';
import {
  BUNDLED_SNAPSHOT_DATE,
  ancestry,
  flowItemRange,
  kepOfPrrFile,
  locate,
  metadataFileKind,
  noteCaught,
  parseText,
  readmeFeatureGates,
  siblingReadme,
  topLevelValue,
  unquote,
  workspacePrrApprovers,
  type EditRange,
  type ParsedText,
} from './yamlCompletion';

export interface MetadataHoverInput {
  path: string;
  text: string;
  line: number;
  character: number;
  files: WorkspaceFiles;
}

export interface MetadataHover {
  markdown: string;
  range: EditRange;
}

export function hoverMetadata(input: MetadataHoverInput): MetadataHover | undefined {
  try {
    return hover(input);
  } catch (e) {
    noteCaught(e);
    return undefined;
  }
}

interface Target {
  on: 'key' | 'value';
  /** Keys, and '*' for list items. */
  path: string[];
  range: EditRange;
  /** The value as written, unquoted. */
  value: string;
}

function hover(input: MetadataHoverInput): MetadataHover | undefined {
  const kind = metadataFileKind(input.path);
  if (!kind) return undefined;
  const p = parseText(input.text);
  if (input.line < 0 || input.line >= p.lines.length) return undefined;
  const target = targetFromModel(p, input.line, input.character) ?? targetFromLines(p, input.line, input.character);
  if (!target || !target.path.length) return undefined;
  const markdown = kind === 'kep' ? kepHover(target, p, input) : prrHover(target, input);
  return markdown ? { markdown, range: target.range } : undefined;
}

function targetFromModel(p: ParsedText, line: number, character: number): Target | undefined {
  if (!p.clean || !p.document.root) return undefined;
  const offset = p.document.offsetAt({ line, character: Math.min(character, (p.lines[line] ?? '').length) });
  const hit = locate(p.document, offset);
  if (!hit || hit.on === 'flow-seq') return undefined;
  const start = p.document.positionAt(hit.start);
  const end = p.document.positionAt(hit.end);
  return {
    on: hit.on,
    path: hit.path.map((s) => (typeof s === 'number' ? '*' : s)),
    range: { startLine: start.line, startCharacter: start.character, endLine: end.line, endCharacter: end.character },
    value: hit.on === 'value' ? unquote(p.text.slice(hit.start, hit.end)) : '',
  };
}

function targetFromLines(p: ParsedText, line: number, character: number): Target | undefined {
  const info = p.line(line);
  if (info.blank) return undefined;
  const container =
    info.dashCol >= 0 ? [...ancestry(p, line, info.dashCol, 'dash').map((a) => a.step), '*'] : ancestry(p, line, info.indent, 'key').map((a) => a.step);
  const range = (s: number, e: number): EditRange => ({ startLine: line, startCharacter: s, endLine: line, endCharacter: e });
  if (info.key !== undefined && character >= info.keyStart && character <= info.keyEnd) {
    return { on: 'key', path: [...container, info.key], range: range(info.keyStart, info.keyEnd), value: '' };
  }
  if (info.valueStart >= 0 && info.valueEnd > info.valueStart && character >= info.valueStart && character <= info.valueEnd) {
    const path = info.key !== undefined ? [...container, info.key] : container;
    if (info.text[info.valueStart] === '[' && character > info.valueStart) {
      // An item of a one-line flow list.
      const item = flowItemRange(info.text, info.valueStart, character);
      if (item.end <= item.start || character < item.start || character > item.end) return undefined;
      return { on: 'value', path: [...path, '*'], range: range(item.start, item.end), value: unquote(info.text.slice(item.start, item.end)) };
    }
    return { on: 'value', path, range: range(info.valueStart, info.valueEnd), value: unquote(info.text.slice(info.valueStart, info.valueEnd)) };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Markdown helpers.

/** Schema paths as readers know them: `milestone.beta`, `feature-gates[].name`. */
function label(path: readonly string[]): string {
  let out = '';
  for (const s of path) out += s === '*' ? '[]' : out ? `.${s}` : s;
  return out;
}

/** The path of the field (a list item's path ends at its list). */
function fieldPath(path: readonly string[]): string[] {
  const out = [...path];
  while (out.length && out[out.length - 1] === '*') out.pop();
  return out;
}

// ---------------------------------------------------------------------------------------------
// kep.yaml.

interface KepFacts {
  stage: string;
  status: string;
  latestMilestone: string;
  owningSig: string;
  kepNumber: string;
}

const STAGE_RANK: Record<string, number> = { alpha: 1, beta: 2, stable: 3, deprecated: 4, disabled: 4, removed: 4 };
const ALWAYS_REQUIRED = new Set(['title', 'kep-number', 'authors', 'owning-sig', 'approvers', 'status']);

function kepFacts(p: ParsedText): KepFacts {
  return {
    stage: topLevelValue(p, 'stage'),
    status: topLevelValue(p, 'status'),
    latestMilestone: topLevelValue(p, 'latest-milestone'),
    owningSig: topLevelValue(p, 'owning-sig'),
    kepNumber: topLevelValue(p, 'kep-number'),
  };
}

function kepHover(target: Target, p: ParsedText, input: MetadataHoverInput): string | undefined {
  const path = fieldPath(target.path);
  if (!path.length || !schemaAt('kep', path)) return undefined;
  const facts = kepFacts(p);
  if (target.on === 'value') {
    const key = label(target.path);
    if (key === 'status' || key === 'stage') return enumValueHover(key, target.value, facts, input);
    if (key === 'feature-gates[].name') return gateHover(target.value, input);
    if (key === 'owning-sig' || key === 'participating-sigs[]') return groupHover(key, target.value, input);
  }
  return fieldHover(path, facts, input);
}

function fieldHover(path: string[], facts: KepFacts, input: MetadataHoverInput): string | undefined {
  const info = fieldInfo('kep', path);
  if (!info) return undefined;
  const parts: string[] = [];
  parts.push(`**${label(path)}**${info.required ? ' · required' : ''}`);
  if (info.description) parts.push(info.description);
  if (info.allowedValues && info.shape !== 'boolean') {
    parts.push(['Allowed values:', ...info.allowedValues.map((v) => `- \`${v.value}\`${v.description ? `: ${v.description}` : ''}`)].join('\n'));
  }
  const note = stageNote(path, facts, input);
  if (note) parts.push(`**When it is needed:** ${note}`);
  return parts.join('\n\n');
}

function stageDescription(facts: KepFacts): string {
  return facts.stage ? `This KEP is at stage ${code(facts.stage)}` : 'This KEP has no stage yet';
}

/** What the KEP's stage asks of a field (kep-facts §2). */
function stageNote(path: string[], facts: KepFacts, input: MetadataHoverInput): string {
  const key = path[0];
  const rank = STAGE_RANK[facts.stage] ?? 0;
  const stage = stageDescription(facts);
  if (ALWAYS_REQUIRED.has(key) && path.length === 1) return 'at every stage: upstream CI rejects a kep.yaml without it.';
  switch (key) {
    case 'creation-date':
      return 'from the first draft: the template asks for it together with the title, authors, owning group and status. Upstream CI does not check it.';
    case 'last-updated':
      return 'optional; keep it current when the KEP changes.';
    case 'reviewers':
      return 'at every stage. `TBD` is fine while the KEP is provisional; an implementable KEP should name real reviewers.';
    case 'editor':
    case 'participating-sigs':
    case 'see-also':
    case 'replaces':
      return 'optional at every stage.';
    case 'superseded-by':
      return facts.status === 'replaced'
        ? `This KEP is ${code('replaced')}: name the KEP that takes its place here.`
        : 'when the KEP is `replaced`: name the KEP that takes its place.';
    case 'id':
    case 'prnumber':
    case 'name':
    case 'path':
      return 'never: the process does not use it, and it can be removed.';
    case 'stage':
    case 'latest-milestone':
    case 'milestone':
      return releaseNote(path, facts, input);
    case 'feature-gates':
    case 'disable-supported': {
      const general = 'from alpha on: the production readiness answers are due when the KEP targets alpha.';
      const extra =
        key === 'feature-gates' && path.length === 1 ? ' A KEP without a feature gate describes its other on/off mechanism in the README instead.' : '';
      if (rank >= 1) return `${general} ${stage}, so it is required.${extra}`;
      return `${general} ${stage}, so it is not required yet.${extra}`;
    }
    case 'metrics': {
      const general = 'from beta on: the production readiness answers about monitoring are due when the KEP targets beta.';
      if (rank >= 2) return `${general} ${stage}, so it is required.`;
      if (rank === 1) return `${general} ${stage}, so it is not required yet; it will be when the KEP moves to beta.`;
      return `${general} ${stage}, so it is not required yet.`;
    }
    default:
      return '';
  }
}

function releaseNote(path: string[], facts: KepFacts, input: MetadataHoverInput): string {
  const parts: string[] = ['once the KEP targets a release, at any stage.'];
  if (path[0] === 'milestone' && path[1]) {
    const sub = STAGE_RANK[path[1]] ?? 0;
    const rank = STAGE_RANK[facts.stage] ?? 0;
    if (rank && sub && sub <= rank)
      parts.push(`${stageDescription(facts)}, so ${code(`milestone.${path[1]}`)} should name the release in which it reached ${path[1]}.`);
    else if (rank && sub) parts.push(`${stageDescription(facts)}; ${code(`milestone.${path[1]}`)} is the planned release for ${path[1]}.`);
    return parts.join(' ');
  }
  const active = facts.status === 'implementable' || facts.status === 'implemented';
  if (active && path[0] !== 'milestone') {
    parts.push(`This KEP is ${code(facts.status)}, so upstream CI requires ${code('stage')} and ${code('latest-milestone')} to be set.`);
    const requirement = facts.latestMilestone ? prrRequirement(facts.latestMilestone) : undefined;
    if (requirement === 'required') {
      parts.push(
        `With latest-milestone ${code(facts.latestMilestone)} (v1.21 or later), CI also requires the production readiness approval file with a block for the KEP's stage. ${prrFileNote(facts, input)}`.trim(),
      );
    } else if (requirement === 'exempt') {
      parts.push(
        `latest-milestone ${code(facts.latestMilestone)} is before v1.21 (or the legacy \`0.0\`), so CI does not require a production readiness approval.`,
      );
    } else if (requirement === 'unreadable') {
      parts.push(`CI cannot read latest-milestone ${code(facts.latestMilestone)} as a release and fails.`);
    }
  }
  return parts.join(' ');
}

/** What the PRR approval file says about the KEP's stage. */
function prrFileNote(facts: KepFacts, input: MetadataHoverInput): string {
  const root = enhancementsLocation(input.path)?.root;
  if (root === undefined || !facts.owningSig || !facts.kepNumber || /[/\\]/.test(facts.owningSig + facts.kepNumber)) return '';
  const relative = `keps/prod-readiness/${facts.owningSig}/${facts.kepNumber}.yaml`;
  const text = input.files.readText(joinPath(root, relative));
  if (text === undefined) return `${code(relative)} does not exist yet.`;
  if (!facts.stage) return `${code(relative)} exists.`;
  const block = readPrrApproval(text).blocks.get(facts.stage as never);
  if (!block || !block.present) return `${code(relative)} has no ${code(facts.stage)} block yet.`;
  const approver = block.approver?.text?.trim();
  return approver
    ? `${code(relative)} names ${code(approver)} for ${code(facts.stage)}.`
    : `${code(relative)} has a ${code(facts.stage)} block without an approver.`;
}

function enumValueHover(key: 'status' | 'stage', value: string, facts: KepFacts, input: MetadataHoverInput): string {
  const node = schemaAt('kep', [key]);
  const values = node?.enum ?? [];
  const i = values.indexOf(value);
  const parts: string[] = [];
  if (i >= 0) {
    parts.push(`**${key}: ${value}**`);
    const description = node?.enumDescriptions?.[i];
    if (description) parts.push(description);
  } else {
    parts.push(`**${key}**`);
    parts.push(`${code(value)} is not one of the documented values: ${values.map((v) => `\`${v}\``).join(', ')}.`);
  }
  if (key === 'stage' && i >= 0) {
    const rank = STAGE_RANK[value] ?? 0;
    const asks: string[] = [];
    if (rank >= 1) asks.push('`feature-gates` and `disable-supported` (from alpha)');
    if (rank >= 2) asks.push('`metrics` (from beta)');
    if (asks.length) parts.push(`At this stage kep.yaml needs ${asks.join(' and ')}.`);
    if (facts.status === 'implementable' || facts.status === 'implemented') {
      const note = prrFileNote(facts, input);
      if (note) parts.push(`Production readiness: ${note}`);
    }
  }
  return parts.join('\n\n');
}

function gateHover(name: string, input: MetadataHoverInput): string {
  const parts: string[] = [`**Feature gate ${code(name)}**`];
  if (isPlaceholderGateName(name)) {
    // Not a gate: never suggest naming it in the README.
    parts.push(
      `${code(name)} is a placeholder, not a feature gate: write the gate's real name as defined in the code, or remove this entry if the KEP has no feature gate.`,
    );
    return parts.join('\n\n');
  }
  const readme = siblingReadme(input.path, input.files);
  if (!readme) {
    parts.push('There is no README.md next to this kep.yaml.');
  } else if (name) {
    const file = markdownText(basename(readme.path));
    const gates = readmeFeatureGates(readme.text);
    const uses = gates.filter((g) => g.name === name);
    if (uses.length) {
      parts.push(`Named in ${file} under "Feature gate name:":\n${uses.map((g) => `- line ${g.line + 1}: ${code(g.text.trim())}`).join('\n')}`);
    } else {
      parts.push(`Not named in ${file} under "Feature gate name:".`);
      const suggestion = closest(name, [...new Set(gates.map((g) => g.name))]);
      if (suggestion) parts.push(`${file} names ${code(suggestion)}: is one of them misspelled?`);
    }
    const mentions = mentionLines(readme.text, name).filter((l) => !uses.some((g) => g.line === l));
    if (mentions.length) {
      const shown = mentions.slice(0, 8).map((l) => String(l + 1));
      parts.push(`Also mentioned in ${file} on line${mentions.length > 1 ? 's' : ''} ${shown.join(', ')}${mentions.length > 8 ? ', …' : ''}.`);
    }
  }
  const info = fieldInfo('kep', ['feature-gates', '*', 'name']);
  if (info?.description) parts.push(info.description);
  return parts.join('\n\n');
}

function mentionLines(text: string, name: string): number[] {
  if (!/^[A-Za-z0-9_]+$/.test(name)) return [];
  const word = new RegExp(`(^|[^A-Za-z0-9_])${name}($|[^A-Za-z0-9_])`);
  const out: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (word.test(line)) out.push(i);
  });
  return out;
}

function groupHover(key: string, value: string, input: MetadataHoverInput): string {
  const facts = workspaceFacts(input.path, input.files);
  const parts: string[] = [`**${key.replace('[]', '')}: ${code(value)}**`];
  if (value === 'kubernetes-wide' && key !== 'owning-sig') parts.push('Marks a KEP that touches every community group.');
  else if (facts.isKnownGroup(value)) parts.push('A known community group (from kubernetes/community sigs.yaml and the workspace).');
  else parts.push("Not a known community group: not in kubernetes/community sigs.yaml's list nor a folder under `keps/`.");
  const info = fieldInfo('kep', [key.replace('[]', '')]);
  if (info?.description) parts.push(info.description);
  return parts.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Production readiness approval files.

function prrHover(target: Target, input: MetadataHoverInput): string | undefined {
  const path = fieldPath(target.path);
  if (target.on === 'value' && path.length === 2 && path[1] === 'approver') return approverHover(path[0], target.value, input);
  const info = fieldInfo('prr', path);
  if (!info) return undefined;
  const parts: string[] = [`**${label(path)}**${info.required ? ' · required' : ''}`];
  if (info.description) parts.push(info.description);
  if (path.length === 1 && path[0] !== 'kep-number') {
    const kep = kepOfPrrFile(input.path, input.files);
    if (kep?.stage) {
      parts.push(
        kep.stage === path[0]
          ? `${code(kep.folder)} is at stage ${code(kep.stage)}: upstream CI reads this block.`
          : `${code(kep.folder)} is at stage ${code(kep.stage)}; this block records an earlier or planned stage.`,
      );
    }
  }
  if (path[0] === 'kep-number' && path.length === 1) {
    const number = basename(input.path).replace(/\.ya?ml$/i, '');
    parts.push(`This file is named ${code(basename(input.path))}, so its number is ${code(number)}.`);
  }
  return parts.join('\n\n');
}

function approverHover(stage: string, value: string, input: MetadataHoverInput): string {
  const name = value.trim().replace(/^@/, '');
  const parts: string[] = [`**Production readiness approver for ${markdownText(stage)}: ${code(value)}**`];
  if (!name) {
    parts.push('No approver is named yet.');
    return parts.join('\n\n');
  }
  const listed = workspacePrrApprovers(input.path, input.files);
  const bundledActive = BUNDLED_PRR_APPROVERS.includes(name);
  const bundledEmeritus = BUNDLED_PRR_APPROVERS_EMERITUS.includes(name);
  const snapshot = `the extension's bundled snapshot (${BUNDLED_SNAPSHOT_DATE})`;
  if (listed?.active.includes(name)) {
    parts.push(`Listed under \`prod-readiness-approvers\` in the workspace's OWNERS_ALIASES.`);
  } else if (listed?.emeritus.includes(name)) {
    parts.push(
      "Listed under `prod-readiness-approvers-emeritus` in the workspace's OWNERS_ALIASES. Upstream CI accepts emeritus approvers, but new approvals come from the active list.",
    );
  } else if (bundledActive || bundledEmeritus) {
    const where = bundledActive ? '`prod-readiness-approvers`' : '`prod-readiness-approvers-emeritus`';
    parts.push(
      listed
        ? `Not in the workspace's OWNERS_ALIASES; only ${snapshot} lists this name (under ${where}). The workspace's list may be newer: check that this person still approves.`
        : `No OWNERS_ALIASES listing the approvers was found in the workspace; ${snapshot} lists this name under ${where}.`,
    );
  } else {
    const known = listed ? listed.active : [...BUNDLED_PRR_APPROVERS];
    parts.push(
      `Not a production readiness approver: neither ${listed ? "the workspace's OWNERS_ALIASES" : 'OWNERS_ALIASES'} nor ${snapshot} lists this name. Upstream CI rejects the approval when the KEP's stage uses this block.`,
    );
    if (known.length) parts.push(`Approvers: ${known.map((n) => code(`@${n}`)).join(', ')}.`);
  }
  parts.push(
    'Upstream CI removes a leading `@` and looks the name up under `prod-readiness-approvers` and `prod-readiness-approvers-emeritus` in OWNERS_ALIASES.',
  );
  return parts.join('\n\n');
}
