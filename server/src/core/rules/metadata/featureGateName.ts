// Feature gate names are UpperCamelCase with acronyms kept upper case (`PodLevelResources`,
// `CSIMigration`); kubectl's gates are environment variables (`KUBECTL_KUBERC`). A gate entry
// without a name, or a stand-in like `n/a` or `None`, usually means the KEP has no gate: remove the
// entry, or write the real name. This rule is the only one that reports a stand-in: the README ⇄
// kep.yaml gate rules and feature-gate-components skip it (isPlaceholderGateName).
import { isPlaceholderGateName } from '../../kep/kepYaml';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';
import { oneLine } from './util';

const UPPER_CAMEL = /^[A-Z][A-Za-z0-9]*$/;
const KUBECTL = /^KUBECTL_[A-Z0-9_]+$/;
export function isFeatureGateName(name: string): boolean {
  return UPPER_CAMEL.test(name) || KUBECTL.test(name);
}

export const featureGateName: MetadataRule = {
  id: 'feature-gate-name',
  defaultSeverity: 'warning',
  quietWhenFinished: true,
  description: 'A feature gate name that is missing or not UpperCamelCase (kubectl KUBECTL_* gates excepted).',
  checkKepYaml(ctx) {
    const findings: RuleFinding[] = [];
    for (const gate of ctx.kep.featureGates?.gates ?? []) {
      if (gate.node.kind !== 'map') continue;
      const name = gate.name?.text?.trim();
      if (gate.name && gate.name.text === undefined) continue;
      if (!name) {
        findings.push({
          range: gate.name?.keyRange ?? gate.range,
          message: "This feature gate entry has no name: write the gate's name (name: MyFeature), or remove the entry if the KEP has no feature gate.",
        });
        continue;
      }
      const range = gate.name!.valueRange;
      if (isPlaceholderGateName(name)) {
        findings.push({
          range,
          message: `'${oneLine(name)}' is a placeholder, not a feature gate name: write the gate's real name as defined in the code, or, if the KEP has no feature gate, remove this entry (or the whole feature-gates list).`,
        });
      } else if (isFeatureGateName(name)) {
        continue;
      } else {
        const suggestion = /^[a-z][A-Za-z0-9]*$/.test(name) ? ` (perhaps '${name[0].toUpperCase()}${name.slice(1)}')` : '';
        findings.push({
          range,
          message: `Feature gate '${oneLine(name)}' is not UpperCamelCase${suggestion}: gate names start with a capital letter and use only letters and digits, keeping acronyms upper case (CSIMigration). Use the name as it is defined in the code.`,
        });
      }
    }
    return findings;
  },
};
