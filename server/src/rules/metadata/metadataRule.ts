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
import type { KepFolder, ListingWorkspaceFiles, WorkspaceFacts } from '../../model/workspaceFacts';
import type { KepYaml } from '../../model/kepYaml';
import type { PrrApproval } from '../../model/prrApproval';
import type { YamlDocument } from '../../model/yamlDocument';
import type { RuleFinding, Severity } from '../rule';
import type { ShapeProblem } from './shape';

export type { RuleFinding, Severity } from '../rule';

export interface ReadmeTitle {
  /** The number in the README's first heading, `# KEP-1234: …`. */
  number: string;
  line: number;
}

export interface PrrLookup {
  /** Where upstream CI looks for the approval file. */
  path: string;
  /** The path relative to the enhancements root, for messages. */
  relativePath: string;
  /** The parsed file, or undefined when it does not exist. */
  approval: PrrApproval | undefined;
}

interface MetadataContextBase {
  path: string;
  text: string;
  document: YamlDocument;
  files: ListingWorkspaceFiles;
  facts: WorkspaceFacts;
  /** Unknown keys, wrong shapes and missing required fields, checked against the JSON Schema. */
  shape(): ShapeProblem[];
}

export interface KepYamlContext extends MetadataContextBase {
  kind: 'kep.yaml';
  kep: KepYaml;
  folder: KepFolder;
  /** The number in the sibling README.md's first heading, when it has one. */
  readmeTitle(): ReadmeTitle | undefined;
  /** The approval file upstream CI would read, or undefined without owning-sig, kep-number or an enhancements root. */
  prrFile(): PrrLookup | undefined;
}

export interface PrrApprovalContext extends MetadataContextBase {
  kind: 'prr';
  prr: PrrApproval;
  /** The file name without `.yaml`: the KEP number upstream looks it up by. */
  fileNumber: string;
  /** The group folder the file sits in. */
  group: string | undefined;
  isTemplate: boolean;
}

export interface MetadataRule {
  /** kebab-case, unique across README and metadata rules; the key of the `kep.rules` setting. */
  id: string;
  defaultSeverity: Severity;
  /** One line, for settings documentation and `kep-lint --help`. */
  description: string;
  checkKepYaml?(ctx: KepYamlContext): RuleFinding[];
  checkPrrApproval?(ctx: PrrApprovalContext): RuleFinding[];
}
