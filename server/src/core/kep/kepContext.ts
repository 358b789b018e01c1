// Everything a rule may look at, computed once per analysis and shared by all rules. Section facts
// are computed on first use, so a rule that does not need bodies does not parse them.
import { partitionPoint, sameElements } from '../text/arrays';
import type { BodyFacts } from '../markdown/bodyFacts';
import { BodyFactsCache } from '../markdown/bodyFactsCache';
import type { KepMetadata } from './kepMetadata';
import type { KepYaml } from './kepYaml';
import type { ScannedHeading } from '../markdown/headingScanner';
import type { MarkdownIndex } from '../markdown/markdownIndex';
import { buildSections, type Section, type SectionTree } from '../markdown/sections';
import type { TemplateModel } from './template';
import { matchTemplate, type TemplateMatch } from './templateMatch';
import { buildPrrFacts, type PrrFacts } from './prrFacts';
import { labelledBullets, type LabelledBullet, type LabelledBullets, type NameKind } from './readmeText';
import { stageFacts, type StageFacts } from './stageRequirements';

export interface KepContext {
  /** Inserted sections carry the template's guidance comments (setting kep.insertSection.content). */
  insertGuidance: boolean;
  index: MarkdownIndex;
  tree: SectionTree;
  template: TemplateModel;
  match: TemplateMatch;
  /** The sibling kep.yaml's fields, or undefined when there is none. */
  metadata: KepMetadata | undefined;
  /** The sibling kep.yaml, parsed (ranges are in the kep.yaml), or undefined when there is none. */
  kepYaml: KepYaml | undefined;
  /** Facts of a section's own body (heading to next heading). */
  facts(section: Section): BodyFacts;
  /** Facts of the lines before the first heading. */
  preambleFacts(): BodyFacts;
  /** Facts of every body in document order: the preamble, then each section. */
  allFacts(): BodyFacts[];
  /** The production readiness questionnaire: its sections and questions, matched to headings. */
  prr(): PrrFacts;
  /** What the KEP's stage requires, or undefined when no stage requirement applies (kep-facts §2). */
  stage(): StageFacts | undefined;
  /**
   * "Feature gate name:" / "Metric name:" bullets with the names they give: those of the PRR
   * questionnaire, or of the whole README when it has no questionnaire.
   */
  labelled(kind: NameKind): LabelledBullet[];
}

/** Per document, so that an analysis after an edit reuses the facts of the bodies it did not touch. */
const factsCaches = new WeakMap<MarkdownIndex, BodyFactsCache>();

/**
 * The section tree, its template match and the PRR facts of the last analysis of an index. They
 * follow from the headings, the line count and the template alone, and the index replaces a heading
 * object whenever its line is rescanned or moves: while the same heading objects stand in the same
 * order, an edit (typing in a paragraph) leaves all three as they were.
 */
interface Structure {
  headings: readonly ScannedHeading[];
  lineCount: number;
  template: TemplateModel;
  tree: SectionTree;
  match: TemplateMatch;
  prr?: PrrFacts;
  /** Body facts by body (0: the preamble, i + 1: section i) as of index version `factsVersion`. */
  facts?: (BodyFacts | undefined)[];
  factsVersion?: number;
  /** The last list of every body's facts (KepContext.allFacts). */
  all?: BodyFacts[];
}
const structures = new WeakMap<MarkdownIndex, Structure>();

function structureOf(index: MarkdownIndex, template: TemplateModel): Structure {
  const headings = index.headings();
  const last = structures.get(index);
  if (last && last.template === template && last.lineCount === index.lineCount && sameElements(last.headings, headings)) return last;
  const tree = buildSections(index);
  const structure: Structure = { headings, lineCount: index.lineCount, template, tree, match: matchTemplate(tree, template) };
  structures.set(index, structure);
  return structure;
}

/**
 * The body facts an analysis can take over from the last one of the same structure: all of them at
 * the same version (a hover after the diagnostics), and after one edit that left the headings alone
 * (so no line moved), those of every body clear of the lines it replaced. Anything else starts empty.
 * The list is updated in place: an edit drops the bodies it touched, found by their line ranges.
 */
function carriedFacts(index: MarkdownIndex, structure: Structure): (BodyFacts | undefined)[] {
  const last = structure.facts;
  if (last && structure.factsVersion === index.version) return last;
  const edit = index.lastEdit;
  let memo: (BodyFacts | undefined)[];
  if (last && structure.factsVersion === index.version - 1 && edit?.version === index.version && edit.newTo === edit.oldTo) {
    memo = last;
    const { sections, preambleEnd } = structure.tree;
    if (edit.from < preambleEnd) memo[0] = undefined;
    // Bodies are in line order: the first one the edit can touch is the first to end after its start.
    for (let i = partitionPoint(sections, (s) => s.bodyEnd <= edit.from); i < sections.length && sections[i].bodyStart < edit.newTo; i++)
      memo[i + 1] = undefined;
  } else memo = new Array<BodyFacts | undefined>(structure.tree.sections.length + 1);
  structure.facts = memo;
  structure.factsVersion = index.version;
  return memo;
}

export function createContext(
  index: MarkdownIndex,
  template: TemplateModel,
  metadata: KepMetadata | undefined,
  kepYaml?: KepYaml,
  insertGuidance = false,
): KepContext {
  const structure = structureOf(index, template);
  const { tree, match } = structure;
  const lines = index.lines();
  const memo = carriedFacts(index, structure);
  let bodies = factsCaches.get(index);
  if (!bodies) factsCaches.set(index, (bodies = new BodyFactsCache()));
  const cache = bodies;
  let bullets: LabelledBullets | undefined;
  let stage: { value: StageFacts | undefined } | undefined;
  let all: BodyFacts[] | undefined;
  const ctx: KepContext = {
    insertGuidance,
    index,
    tree,
    template,
    match,
    metadata,
    kepYaml,
    facts(section) {
      return (memo[section.index + 1] ??= cache.factsOf(index, section.bodyStart, section.bodyEnd, section.heading.text));
    },
    preambleFacts() {
      return (memo[0] ??= cache.factsOf(index, 0, tree.preambleEnd, '\u0000preamble'));
    },
    allFacts() {
      if (all) return all;
      ctx.preambleFacts();
      for (const section of tree.sections) ctx.facts(section);
      const fresh = memo as BodyFacts[];
      // The same facts objects as the last analysis make the same list: results kept by the list's
      // identity (text/lastResult.ts) stay valid while an edit changes no body's facts.
      if (structure.all && sameElements(structure.all, fresh)) all = structure.all;
      else all = structure.all = fresh.slice();
      return all;
    },
    prr() {
      structure.prr ??= buildPrrFacts(tree, template, match);
      return structure.prr;
    },
    stage() {
      stage ??= { value: stageFacts(kepYaml) };
      return stage.value;
    },
    labelled(kind) {
      if (!bullets) {
        const q = ctx.prr().questionnaireSection;
        bullets = q ? labelledBullets(lines, q.bodyStart, q.subtreeEnd) : labelledBullets(lines, tree.preambleEnd, lines.length);
      }
      return bullets[kind];
    },
  };
  return ctx;
}

/** A section's heading as written in the template's style, e.g. "### Risks and Mitigations". */
export function headingLabel(section: { level: number; title: string }): string {
  return `${'#'.repeat(section.level)} ${section.title}`;
}
