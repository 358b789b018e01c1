// Template placeholders left in the KEP: the template's title, its example test lines and links,
// and labelled bullets ("Feature gate name:") with nothing after the label.
import type { PlaceholderFact } from '../markdown/bodyFacts';
import { range } from '../text/positions';
import type { KepContext } from '../kep/kepContext';
import type { Section } from '../markdown/sections';
import { sectionRequirement } from '../kep/stageRequirements';
import { realGateNames } from '../kep/kepYaml';
import { lastResult, resultStore } from '../text/lastResult';
import type { Rule, RuleFinding } from './rule';

const TITLE_PLACEHOLDERS = [/\bKEP-NNNN\b/, /Your short, descriptive title/i];

function message(p: PlaceholderFact): string {
  switch (p.kind) {
    case 'empty-label':
      return `'${p.text}' has no value: fill it in, or delete the bullet if it does not apply.`;
    case 'unticked-option-label':
      return "None of this question's options is ticked: tick the one that applies and fill in its bullets, and delete the others.";
    case 'unit-test-line':
      return "Template unit-test line left in: replace it with '<package>: <date> - <coverage>' lines for the packages you change.";
    case 'example-test-link':
      return "Template example link '[test name](…)' left in: link the real tests, or remove it.";
    case 'example-filter':
      return "Template example link filtered on 'MyCoolFeature' left in: use your feature's name or remove it.";
  }
}

const EXAMPLE_LINK = new Set<PlaceholderFact['kind']>(['example-test-link', 'example-filter']);
const EXAMPLE_LINE_MESSAGE =
  "Template example test line left in ('[test name]' linking to a 'MyCoolFeature' filter): link your real tests and filter on your feature's name, or remove the line.";

export const placeholder: Rule = {
  id: 'placeholder',
  defaultSeverity: 'warning',
  description: 'A template placeholder (title, example test lines, empty labelled bullet) is left in.',
  quietWhenFinished: true,
  check(ctx) {
    // The title line belongs to a heading, so a change to it makes a new section tree.
    return lastResult(results, ctx.index, [ctx.allFacts(), ctx.tree, ctx.match, ctx.kepYaml], () => placeholders(ctx));
  },
};

const results = resultStore<RuleFinding[]>();

function placeholders(ctx: KepContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const h1 = ctx.tree.sections.find((s) => s.level === 1);
  if (h1) {
    const text = ctx.index.line(h1.heading.line);
    for (const pattern of TITLE_PLACEHOLDERS) {
      const m = pattern.exec(text);
      if (m) {
        findings.push({
          range: range(h1.heading.line, m.index, h1.heading.line, m.index + m[0].length),
          message: `The title still has the template's '${m[0]}': use 'KEP-<issue number>: <your title>'.`,
        });
      }
    }
  }
  // With gates in kep.yaml, gate-not-in-readme reports an empty 'Feature gate name:' bullet and offers to fill it.
  // A stand-in gate name ("None") is not a gate: the empty bullet is reported here then.
  const gatesInKepYaml = realGateNames(ctx.kepYaml).length > 0;
  // The components of kep.yaml's gates, for filling an empty components bullet.
  const components = [
    ...new Set((ctx.kepYaml?.featureGates?.gates ?? []).flatMap((g) => (g.components?.items ?? []).map((c) => c.text.trim()).filter(Boolean))),
  ];
  ctx.allFacts().forEach((facts, i) => {
    // allFacts: the preamble's, then each section's. A question's options are in its section's body.
    const section = i > 0 ? ctx.tree.sections[i - 1] : undefined;
    let openQuestion: boolean | undefined;
    let exampleLine = -1;
    for (const p of facts.placeholders) {
      if (p.kind === 'unticked-option-label') {
        // With an option of the question ticked, the unticked ones are unused; with none ticked,
        // the question is open: one finding, not one per unused bullet.
        openQuestion ??= !hasTickedOption(ctx, section) && stageAsks(ctx, section);
        if (!openQuestion) continue;
        openQuestion = false;
      }
      if (gatesInKepYaml && p.kind === 'empty-label' && p.text === 'Feature gate name:') continue;
      const at = range(p.line, p.character, p.endLine, p.endCharacter);
      // The template's example test line holds a '[test name]' link and two 'MyCoolFeature'
      // filters: one leftover line is one finding.
      const last = findings[findings.length - 1];
      if (EXAMPLE_LINK.has(p.kind) && last && exampleLine === p.line && last.range.end.line === p.line) {
        last.range = { start: last.range.start, end: at.end };
        last.message = EXAMPLE_LINE_MESSAGE;
        continue;
      }
      exampleLine = EXAMPLE_LINK.has(p.kind) ? p.line : -1;
      const fill =
        p.kind === 'empty-label' && p.text === 'Components depending on the feature gate:' && components.length
          ? { title: `Fill in from kep.yaml: ${components.join(', ')}`, changes: [{ range: at, newText: `${p.text} ${components.join(', ')}` }] }
          : undefined;
      findings.push({ range: at, message: message(p), fix: fill });
    }
  });
  return findings;
}

/** Whether the KEP's stage asks the PRR question `section` is (true for any other section). */
function stageAsks(ctx: KepContext, section: Section | undefined): boolean {
  const t = section ? ctx.match.templateOf[section.index] : -1;
  const stage = ctx.stage();
  if (t < 0 || !stage || !ctx.prr().inside.has(t)) return true;
  const group = ctx.template.sections[t].parent;
  return group < 0 || sectionRequirement(ctx.template.sections[group].key, stage.stage) === 'required';
}

const TICKED_OPTION = /^\s*(?:[-*+]|\d+[.)])\s+\[[xX]\]\s/;

/** Whether the body of `section` (the preamble when undefined) has a ticked checkbox item. */
function hasTickedOption(ctx: KepContext, section: Section | undefined): boolean {
  const [start, end] = section ? [section.bodyStart, section.bodyEnd] : [0, ctx.tree.preambleEnd];
  for (let line = start; line < end; line++) if (TICKED_OPTION.test(ctx.index.line(line))) return true;
  return false;
}
