// The shape of a metadata rule: a check of a kep.yaml or of a production readiness approval file
// (`keps/prod-readiness/<group>/<number>.yaml`). Like README rules, a rule is a pure function of
// its context and returns findings with plain ranges; severities are applied by the service.
//
// Severity policy (every metadata rule follows it):
// - error: only what upstream CI rejects (hack/verify-kep-metadata.sh, kep-facts §3.2 path A:
//   YAML it cannot read, unknown or duplicate keys, wrong shapes, missing required fields, the
//   production readiness approval check) and values outside the process's documented sets
//   (status, stage). Upstream CI accepts every file of the enhancements sample, so over the
//   sample only the second kind may appear (see test/unit/metadata/sample.test.ts).
// - warning: what a reviewer would ask to fix (a malformed milestone or date, a folder that
//   disagrees with the metadata, an unknown SIG or component, `implemented` without `stable`).
// - info / hint: leftovers and advice (a handle without `@`, the legacy "0.0" milestone).
// Advice about a KEP that is finished (implemented, withdrawn…) is shown as information: rules
// with quietWhenFinished (analysis.ts, effectiveSeverity).
import type { KepYamlContext, PrrApprovalContext } from '../../kep/metadataContext';
import type { RuleFinding, Severity, SeverityPolicy } from '../rule';

export type { RuleFinding, Severity } from '../rule';
export type { KepYamlContext, PrrApprovalContext, PrrLookup, ReadmeTitle } from '../../kep/metadataContext';

export interface MetadataRule extends SeverityPolicy {
  /** kebab-case, unique across README and metadata rules; the key of the `kep.rules` setting. */
  id: string;
  defaultSeverity: Severity;
  /** One line, for settings documentation and `kep-lint --help`. */
  description: string;
  checkKepYaml?(ctx: KepYamlContext): RuleFinding[];
  checkPrrApproval?(ctx: PrrApprovalContext): RuleFinding[];
}
