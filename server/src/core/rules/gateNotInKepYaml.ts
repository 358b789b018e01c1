// A feature gate the README names ("Feature gate name: Foo") that kep.yaml's feature-gates does not
// list. Usually a typo or a rename on one side (kep-facts §4: 18 KEPs upstream); when the name is
// a near miss of a kep.yaml gate, the fix renames it in the README to kep.yaml's spelling.
import { range } from '../text/positions';
import { compareGates } from './featureGates';
import type { Rule, RuleFinding } from './rule';

function listed(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => `'${n}'`);
  return names.length > 5 ? `${shown.join(', ')} and ${names.length - 5} more` : shown.join(', ');
}

export const gateNotInKepYaml: Rule = {
  id: 'gate-not-in-kep-yaml',
  defaultSeverity: 'warning',
  description: "A feature gate named in the README ('Feature gate name:') is not in kep.yaml's feature-gates.",
  quietWhenFinished: true,
  check(ctx) {
    if (!ctx.kepYaml) return [];
    const gates = compareGates(ctx);
    const findings: RuleFinding[] = [];
    for (const { ref, suggestion } of gates.unknown) {
      const at = range(ref.line, ref.start, ref.line, ref.end);
      if (suggestion) {
        findings.push({
          range: at,
          message: `Feature gate '${ref.name}' is not in kep.yaml, which spells it '${suggestion}'. Use one spelling in both files: the one in the code.`,
          fix: { title: `Rename to '${suggestion}' (kep.yaml's spelling)`, changes: [{ range: at, newText: suggestion }] },
        });
      } else if (!gates.kepYaml.length) {
        findings.push({
          range: at,
          message: `The README names feature gate '${ref.name}', but kep.yaml lists no feature-gates: add it there (name and components).`,
        });
      } else if (gates.renamed.length) {
        findings.push({
          range: at,
          message: `Feature gate '${ref.name}' is not in kep.yaml, which lists ${listed(gates.renamed)} instead: use one name in both files, the one in the code.`,
        });
      } else {
        findings.push({
          range: at,
          message: `Feature gate '${ref.name}' is not in kep.yaml's feature-gates (${listed(gates.kepYaml)}): add it there, or correct the name here.`,
        });
      }
    }
    return findings;
  },
};
