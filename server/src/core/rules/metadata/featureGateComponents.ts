// Each feature gate lists the programs in which it must be turned on, one per entry:
// kube-apiserver, kubelet, kube-controller-manager, kube-scheduler, kube-proxy, kubectl,
// cloud-controller-manager, external-provisioner, kubeadm are the usual ones. A comma list or a
// sentence cannot be used by tools; a near miss of a usual name is probably a typo; any other
// program name is mentioned as a hint; a gate with no components at all is information.
import { isPlaceholderGateName } from '../../kep/kepYaml';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';
import { closest, oneLine } from './util';

const PROGRAM = /^[a-z0-9][a-z0-9.-]*$/;

export const featureGateComponents: MetadataRule = {
  id: 'feature-gate-components',
  defaultSeverity: 'warning',
  quietWhenFinished: false,
  description: 'Feature gate components that are missing, comma lists or free text, or not a known component.',
  checkKepYaml(ctx) {
    const known = ctx.facts.components;
    const findings: RuleFinding[] = [];
    for (const gate of ctx.kep.featureGates?.gates ?? []) {
      if (gate.node.kind !== 'map') continue;
      const gateName = gate.name?.text?.trim();
      // A stand-in ("None") is not a gate: feature-gate-name asks to remove the entry or name it.
      if (gateName && isPlaceholderGateName(gateName)) continue;
      const name = gateName ? `Feature gate ${gateName}` : 'This feature gate entry';
      const components = gate.components;
      if (components && components.items === undefined) continue;
      if (!components || components.items === undefined || components.items.filter((i) => !i.isNull && i.text.trim()).length === 0) {
        // An entry with neither name nor components is the template's empty entry: feature-gate-name
        // already asks to fill it in or remove it.
        if (!gateName) continue;
        findings.push({
          range: components?.keyRange ?? gate.name?.keyRange ?? gate.range,
          severity: 'info',
          message: `${name} lists no components: add the programs in which it must be turned on (for example kube-apiserver, kubelet).`,
        });
        continue;
      }
      for (const item of components.items) {
        const value = item.isNull ? '' : item.text.trim();
        if (!value || known.includes(value)) continue;
        if (value.includes(',')) {
          const parts = value
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean);
          findings.push({
            range: item.range,
            message: `Write one component per entry: '${oneLine(value)}' should be ${parts.length} entries (${parts.join(', ')}).`,
          });
        } else if (!PROGRAM.test(value)) {
          findings.push({
            range: item.range,
            message: `'${oneLine(value)}' is a description, not a component: name the program (${known.slice(0, 5).join(', ')}, …) and explain the rest in the README.`,
          });
        } else {
          const near = closest(value, known);
          if (near) findings.push({ range: item.range, message: `Unknown component '${value}': did you mean '${near}'?` });
          else
            findings.push({
              range: item.range,
              severity: 'hint',
              message: `'${value}' is not one of the usual components (${known.join(', ')}); check the spelling if it is meant to be one of them.`,
            });
        }
      }
    }
    return findings;
  },
};
