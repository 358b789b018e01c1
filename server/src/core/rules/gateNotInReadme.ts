// A feature gate kep.yaml lists that the README never names in a "Feature gate name:" bullet (nor
// in the text of the enablement question), and that no typo or rename explains (featureGates.ts).
// Reported once for all such gates: on the first "Feature gate name:" bullet, or, when the README
// has none, on the question "How can this feature be enabled / disabled in a live cluster?" (else
// its PRR section, else the questionnaire). When the bullet is the template's empty one, the fix
// fills in kep.yaml's names.
import { lineRange, range } from '../text/positions';
import type { Section } from '../markdown/sections';
import { ENABLEMENT_QUESTION_KEY, FEATURE_ENABLEMENT_KEY } from '../kep/prrFacts';
import { compareGates } from './featureGates';
import type { Rule, RuleFinding } from './rule';

export const gateNotInReadme: Rule = {
  id: 'gate-not-in-readme',
  defaultSeverity: 'warning',
  description: "A feature gate in kep.yaml's feature-gates is not named in the README's 'Feature gate name:' bullets.",
  quietWhenFinished: true,
  check(ctx) {
    if (!ctx.kepYaml) return [];
    const missing = compareGates(ctx).unnamed;
    if (!missing.length) return [];
    const bullets = ctx.labelled('gate');
    const quoted = missing.map((g) => `'${g}'`).join(', ');
    const subject = missing.length === 1 ? `kep.yaml's feature gate ${quoted} is` : `kep.yaml's feature gates ${quoted} are`;
    const first = bullets[0];
    if (first) {
      const text = ctx.index.line(first.line);
      const finding: RuleFinding = {
        range: range(first.line, first.start, first.line, text.length),
        message: `${subject} not named in the README: write ${missing.length === 1 ? 'it' : 'them'} after 'Feature gate name:'.`,
      };
      if (first.empty && bullets.length === 1) {
        finding.fix = {
          title: `Fill in ${missing.join(', ')}`,
          changes: [{ range: range(first.line, first.valueStart, first.line, text.length), newText: ` ${missing.join(', ')}` }],
        };
      }
      return [finding];
    }
    const prr = ctx.prr();
    const target: Section | undefined =
      prr.question(ENABLEMENT_QUESTION_KEY)?.section ??
      prr.sections.find((s) => s.template.key === FEATURE_ENABLEMENT_KEY)?.section ??
      prr.questionnaireSection;
    if (!target) return [];
    return [
      {
        range: lineRange(target.heading.line, ctx.index.line(target.heading.line)),
        message: `${subject} not named in the README: under 'How can this feature be enabled / disabled in a live cluster?', tick 'Feature gate' and name ${missing.length === 1 ? 'it' : 'them'} in a 'Feature gate name:' bullet.`,
      },
    ];
  },
};
