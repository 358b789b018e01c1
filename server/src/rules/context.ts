// Everything a rule may look at, computed once per analysis and shared by all rules. Section facts
// are computed on first use, so a rule that does not need bodies does not parse them.
import { bodyFacts, type BodyFacts } from '../model/bodyFacts';
import type { KepMetadata } from '../model/kepMetadata';
import type { MarkdownIndex } from '../model/markdownIndex';
import { buildSections, type Section, type SectionTree } from '../model/sections';
import type { TemplateModel } from '../model/template';
import { matchTemplate, type TemplateMatch } from '../model/templateMatch';

export interface KepContext {
  index: MarkdownIndex;
  tree: SectionTree;
  template: TemplateModel;
  match: TemplateMatch;
  /** The sibling kep.yaml's fields, or undefined when there is none. */
  metadata: KepMetadata | undefined;
  /** Facts of a section's own body (heading to next heading). */
  facts(section: Section): BodyFacts;
  /** Facts of the lines before the first heading. */
  preambleFacts(): BodyFacts;
  /** Facts of every body in document order: the preamble, then each section. */
  allFacts(): BodyFacts[];
}

export function createContext(index: MarkdownIndex, template: TemplateModel, metadata: KepMetadata | undefined): KepContext {
  const tree = buildSections(index);
  const match = matchTemplate(tree, template);
  const lines = index.lines();
  const memo = new Map<number, BodyFacts>();
  let preamble: BodyFacts | undefined;
  const ctx: KepContext = {
    index,
    tree,
    template,
    match,
    metadata,
    facts(section) {
      let f = memo.get(section.index);
      if (!f) {
        f = bodyFacts(lines, section.bodyStart, section.bodyEnd);
        memo.set(section.index, f);
      }
      return f;
    },
    preambleFacts() {
      preamble ??= bodyFacts(lines, 0, tree.preambleEnd);
      return preamble;
    },
    allFacts() {
      return [ctx.preambleFacts(), ...tree.sections.map((s) => ctx.facts(s))];
    },
  };
  return ctx;
}

/** A section's heading as written in the template's style, e.g. "### Risks and Mitigations". */
export function headingLabel(section: { level: number; title: string }): string {
  return `${'#'.repeat(section.level)} ${section.title}`;
}
