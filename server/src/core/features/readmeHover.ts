// Hover help in a KEP README: on template headings (what the section is for, what a good answer
// has, whether the KEP's stage requires it), on labelled bullets, on UNRESOLVED markers and on TOC
// entries. Plain Markdown only: document text goes through markdownEscape, no HTML, no command links.
import { textOf } from '../kep/kepYaml';
import { LABEL_HELP, sectionHelp, type SectionHelp } from '../kep/sectionHelp';
import { sectionKey } from '../markdown/sectionKey';
import type { Section } from '../markdown/sections';
import { TEMPLATE_LABELS, type MarkerFact } from '../markdown/bodyFacts';
import { findTocTags, tocEntries } from '../markdown/toc';
import type { KepContext } from '../kep/kepContext';
import { pairMarkers } from '../rules/unresolved';
import { markdownCode, markdownLinkDestination, markdownText } from '../text/markdownEscape';
import { PRR_STAGES, questionApplies, sectionRequirement, stageFacts, type PrrStage } from '../kep/stageRequirements';

export interface HoverRange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export interface ReadmeHover {
  markdown: string;
  range: HoverRange;
}

const QUESTIONNAIRE_KEY = sectionKey('Production Readiness Review Questionnaire');
const CONFIRMED_AT_STABLE = new Set(['monitoringrequirements', 'scalability', 'troubleshooting']);
const SETTLED = new Set(['implementable', 'implemented']);

/**
 * `documentUri`, when given, turns line references into links that open the document at that line
 * (`…#L12`, which editors follow as a plain link: no command links).
 */
export function hoverReadme(ctx: KepContext, line: number, character: number, documentUri?: string): ReadmeHover | undefined {
  if (line < 0 || line >= ctx.index.lineCount) return undefined;
  const link: LineLink = (n, label) => (documentUri ? `[${label}](${markdownLinkDestination(documentUri)}#L${n + 1})` : label);
  return headingHover(ctx, line, link) ?? markerHover(ctx, line, character, link) ?? tocHover(ctx, line, character, link) ?? labelHover(ctx, line);
}

/** Renders a reference to a 0-based line: a link when the document's URI is known, else the label. */
type LineLink = (line: number, label: string) => string;

function lineRange(ctx: KepContext, line: number): HoverRange {
  return { startLine: line, startCharacter: 0, endLine: line, endCharacter: ctx.index.line(line).length };
}

// ---------------------------------------------------------------------------------------------
// Headings

function headingHover(ctx: KepContext, line: number, lineLink: LineLink): ReadmeHover | undefined {
  const section = ctx.tree.sections.find((s) => s.heading.line <= line && line <= s.heading.endLine);
  if (!section) return undefined;
  const t = ctx.match.templateOf[section.index];
  if (t === undefined || t < 0) return undefined;
  const tsec = ctx.template.sections[t];
  const help = sectionHelp(tsec.key);
  const out: string[] = [`**${markdownText(tsec.title)}** (template section)`, ''];
  if (help) out.push(...helpLines(help), '');
  const req = requirementLine(ctx, tsec.key, help);
  if (req) out.push(req, '');
  out.push(stateLine(ctx, section), '');
  if (ctx.template.source !== 'bundled' && tsec.guidance.length > 0) {
    out.push('From the template:', '');
    tsec.guidance.forEach((g, i) => {
      if (i > 0) out.push('>');
      for (const l of stripCommentDelimiters(g).split(/\r?\n/)) out.push(l.trim() ? `> ${markdownText(l.trim())}` : '>');
    });
    out.push('');
  }
  out.push(lineLink(section.heading.line, `Line ${section.heading.line + 1}`));
  return {
    markdown: out.join('\n'),
    range: {
      startLine: section.heading.line,
      startCharacter: 0,
      endLine: section.heading.endLine,
      endCharacter: ctx.index.line(section.heading.endLine).length,
    },
  };
}

/** A guidance comment's text without its `<!--` and `-->` and surrounding blank lines. */
function stripCommentDelimiters(comment: string): string {
  return comment
    .replace(/^\s*<!--/, '')
    .replace(/-->\s*$/, '')
    .replace(/^\s*\n|\n\s*$/g, '');
}

function helpLines(help: SectionHelp): string[] {
  const out = [help.purpose, '', 'A good answer:', ...help.goodAnswer.map((g) => `- ${g}`)];
  if (help.pushback?.length) out.push('', 'Reviewers often push back on:', ...help.pushback.map((p) => `- ${p}`));
  return out;
}

function firstStage(key: string, kind: 'required' | 'encouraged'): PrrStage | undefined {
  return PRR_STAGES.find((s) => sectionRequirement(key, s) === kind);
}

/** For PRR sections and questions: whether the KEP's current stage requires an answer. */
function requirementLine(ctx: KepContext, key: string, help: SectionHelp | undefined): string | undefined {
  const isQuestionnaire = key === QUESTIONNAIRE_KEY;
  if (!isQuestionnaire && help?.kind !== 'prr-section' && help?.kind !== 'prr-question') return undefined;
  const sectionKeyOf = help?.kind === 'prr-question' ? (help.prrSection ?? key) : key;
  const from: PrrStage = isQuestionnaire ? 'alpha' : (firstStage(sectionKeyOf, 'required') ?? 'beta');
  const encouraged = isQuestionnaire ? undefined : firstStage(sectionKeyOf, 'encouraged');
  const stage = textOf(ctx.kepYaml?.stage);
  const parts: string[] = [];
  if ((PRR_STAGES as readonly string[]).includes(stage)) {
    const s = stage as PrrStage;
    const req = isQuestionnaire ? 'required' : sectionRequirement(sectionKeyOf, s);
    if (req === 'required') parts.push(`**Required** at the KEP's current stage (${s}).`);
    else if (req === 'encouraged') parts.push(`**Encouraged** at the KEP's current stage (${s}); required from ${from} on.`);
    else parts.push(`Not required at the KEP's current stage (${s}); required from ${from} on.`);
    if (s === 'stable' && CONFIRMED_AT_STABLE.has(sectionKeyOf)) parts.push('At stable, approvers confirm the answers from field experience.');
  } else {
    parts.push(`Not required yet (the KEP has no alpha, beta or stable stage); required from ${from} on.`);
    if (encouraged && encouraged !== from) parts.push(`Encouraged from ${encouraged} on.`);
  }
  if (help?.kind === 'prr-question') {
    const facts = stageFacts(ctx.kepYaml);
    if (facts && !questionApplies(key, facts.latestMilestone))
      parts.push("The template asks this question only of later releases than the KEP's latest-milestone.");
  }
  return parts.join(' ');
}

function stateLine(ctx: KepContext, section: Section): string {
  const own = ctx.facts(section).hasContent;
  let text = `State: ${own ? 'filled' : 'empty'}`;
  if (section.children.length > 0) {
    const filled = section.children.filter((c) => ctx.facts(ctx.tree.sections[c]).hasContent).length;
    text += ` (sub-sections filled: ${filled} of ${section.children.length})`;
  }
  return `${text}.`;
}

// ---------------------------------------------------------------------------------------------
// Labelled bullets

function labelHover(ctx: KepContext, line: number): ReadmeHover | undefined {
  const text = ctx.index.line(line);
  for (const label of TEMPLATE_LABELS) {
    const at = text.indexOf(label);
    if (at < 0) continue;
    const help = LABEL_HELP[label];
    if (!help) continue;
    return {
      markdown: `\`${label}\`\n\n${help}`,
      range: { startLine: line, startCharacter: at, endLine: line, endCharacter: at + label.length },
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// UNRESOLVED markers

function contains(m: MarkerFact, line: number, character: number): boolean {
  if (line < m.line || line > m.endLine) return false;
  if (line === m.line && character < m.character) return false;
  if (line === m.endLine && character > m.endCharacter) return false;
  return true;
}

function markerHover(ctx: KepContext, line: number, character: number, lineLink: LineLink): ReadmeHover | undefined {
  const pairing = pairMarkers(ctx);
  let marker: MarkerFact | undefined;
  let partner: MarkerFact | undefined;
  for (const b of pairing.blocks) {
    if (contains(b.open, line, character)) [marker, partner] = [b.open, b.close];
    else if (contains(b.close, line, character)) [marker, partner] = [b.close, b.open];
  }
  if (!marker) marker = pairing.unmatched.find((m) => contains(m, line, character));
  if (!marker) return undefined;
  const out: string[] = [
    marker.kind === 'open' ? '**Start of an UNRESOLVED block**' : '**End of an UNRESOLVED block**',
    '',
    'UNRESOLVED markers enclose text that is still under debate. Settle the debate and remove both markers before the KEP becomes implementable.',
    '',
  ];
  if (partner) out.push(`Its ${partner.kind === 'open' ? 'opening' : 'closing'} marker is on ${lineLink(partner.line, `line ${partner.line + 1}`)}.`);
  else out.push(`It has no ${marker.kind === 'open' ? 'closing' : 'opening'} marker: the block is unbalanced.`);
  const status = textOf(ctx.kepYaml?.status);
  out.push('');
  if (SETTLED.has(status)) out.push(`The KEP's status is ${status}: open debate should have been settled, so this is a problem.`);
  else if (status) out.push(`The KEP's status is ${markdownText(status)}: open debate is expected at this point.`);
  else out.push('The KEP has no status in kep.yaml.');
  return {
    markdown: out.join('\n'),
    range: { startLine: marker.line, startCharacter: marker.character, endLine: marker.endLine, endCharacter: marker.endCharacter },
  };
}

// ---------------------------------------------------------------------------------------------
// TOC entries

const TOC_LINK = /\]\(#([^)\s]*)\)/g;

function tocHover(ctx: KepContext, line: number, character: number, lineLink: LineLink): ReadmeHover | undefined {
  const tags = findTocTags(ctx.index);
  if (!tags.open || !tags.close || !(tags.open.line < line && line < tags.close.line)) return undefined;
  const text = ctx.index.line(line);
  const links = [...text.matchAll(TOC_LINK)];
  if (links.length === 0) return undefined;
  const link = links.find((m) => (m.index ?? 0) <= character && character <= (m.index ?? 0) + m[0].length) ?? links[0];
  let anchor = link[1];
  try {
    anchor = decodeURIComponent(anchor);
  } catch {
    // keep the raw anchor
  }
  const entry = tocEntries(ctx.index).find((e) => e.anchor === anchor) ?? tocEntries(ctx.index, 0).find((e) => e.anchor === anchor);
  const markdown = entry
    ? `Points to the heading ${markdownCode(entry.heading.text)} on ${lineLink(entry.heading.line, `line ${entry.heading.line + 1}`)}.`
    : `No heading of this document has the anchor ${markdownCode(`#${anchor}`)}. Regenerate the TOC or fix the link.`;
  return { markdown, range: lineRange(ctx, line) };
}
