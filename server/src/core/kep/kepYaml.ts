// The typed view of a kep.yaml: every field upstream knows, with its value as written and the
// ranges of its key and value. A field with the wrong shape is still present (its entry and
// ranges), only its typed part is missing: `text` is undefined for a list where text belongs,
// `items` is undefined for text where a list belongs. Reading never throws.
import type { Range } from '../text/positions';
import { entryOf, parseYaml, type YamlDocument, type YamlMap, type YamlMapEntry, type YamlNode, type YamlScalar } from './yamlDocument';

export interface TextField {
  key: string;
  entry: YamlMapEntry;
  keyRange: Range;
  valueRange: Range;
  /** The value as written; '' for a null; undefined when the value is a list or a mapping. */
  text: string | undefined;
  scalar: YamlScalar | undefined;
}

export interface ListField {
  key: string;
  entry: YamlMapEntry;
  keyRange: Range;
  valueRange: Range;
  /** The list's text items; [] for a null; undefined when the value is not a list. */
  items: YamlScalar[] | undefined;
  /** Every item, including those that are not text. */
  nodes: YamlNode[] | undefined;
  isNull: boolean;
}

export interface FeatureGateEntry {
  node: YamlNode;
  range: Range;
  name?: TextField;
  components?: ListField;
}

export interface MilestoneField {
  entry: YamlMapEntry;
  /** Per stage key as written (alpha, beta, …), text fields. */
  stages: Map<string, TextField>;
}

export interface FeatureGatesField {
  entry: YamlMapEntry;
  gates: FeatureGateEntry[];
}

export interface KepYaml {
  document: YamlDocument;
  /** The top-level mapping, or undefined when the file is empty or not a mapping. */
  root: YamlMap | undefined;
  /** The first entry with this top-level key. */
  field(key: string): YamlMapEntry | undefined;
  title?: TextField;
  kepNumber?: TextField;
  authors?: ListField;
  owningSig?: TextField;
  participatingSigs?: ListField;
  reviewers?: ListField;
  approvers?: ListField;
  editor?: TextField;
  creationDate?: TextField;
  lastUpdated?: TextField;
  status?: TextField;
  seeAlso?: ListField;
  replaces?: ListField;
  supersededBy?: ListField;
  stage?: TextField;
  latestMilestone?: TextField;
  milestone?: MilestoneField;
  featureGates?: FeatureGatesField;
  disableSupported?: TextField;
  metrics?: ListField;
}

export function textField(entry: YamlMapEntry): TextField {
  const scalar = entry.value.kind === 'scalar' ? entry.value : undefined;
  return {
    key: entry.key,
    entry,
    keyRange: entry.keyRange,
    valueRange: entry.valueRange,
    text: scalar ? (scalar.isNull ? '' : scalar.text) : undefined,
    scalar,
  };
}

export function listField(entry: YamlMapEntry): ListField {
  const v = entry.value;
  const isNull = v.kind === 'scalar' && v.isNull;
  const nodes = v.kind === 'seq' ? v.items : isNull ? [] : undefined;
  return {
    key: entry.key,
    entry,
    keyRange: entry.keyRange,
    valueRange: entry.valueRange,
    items: nodes?.filter((n): n is YamlScalar => n.kind === 'scalar'),
    nodes,
    isNull,
  };
}

/** The text of a field: '' when absent or null, undefined only when it is not text. */
export function textOf(field: TextField | undefined): string {
  return field?.text?.trim() ?? '';
}

/** A stand-in written where a feature gate's name belongs: "None", "N/A", "TBD", "-"… (kep-facts §4). */
const PLACEHOLDER_GATE = /^(?:n\/?a|n\.a\.?|none|nil|null|no|tbd|tba|todo|-+|\?+|not applicable|no feature gates?)$/i;

/** Whether a kep.yaml feature gate name is a placeholder rather than a gate ("None", "N/A", "TBD", "-"). */
export function isPlaceholderGateName(name: string): boolean {
  return PLACEHOLDER_GATE.test(name.trim().replace(/^[`'"]+|[`'".]+$/g, ''));
}

/** kep.yaml's feature gate names that are real names: written, and not a placeholder ("None"). */
export function realGateNames(kep: KepYaml | undefined): string[] {
  const names: string[] = [];
  for (const gate of kep?.featureGates?.gates ?? []) {
    const name = textOf(gate.name);
    if (name && !isPlaceholderGateName(name) && !names.includes(name)) names.push(name);
  }
  return names;
}

export function readKepYaml(text: string): KepYaml {
  return kepYamlFromDocument(parseYaml(text));
}

export function kepYamlFromDocument(document: YamlDocument): KepYaml {
  const root = document.root?.kind === 'map' ? document.root : undefined;
  const kep: KepYaml = { document, root, field: (key) => entryOf(root, key) };
  if (!root) return kep;
  const text = (key: string): TextField | undefined => {
    const e = entryOf(root, key);
    return e ? textField(e) : undefined;
  };
  const list = (key: string): ListField | undefined => {
    const e = entryOf(root, key);
    return e ? listField(e) : undefined;
  };
  kep.title = text('title');
  kep.kepNumber = text('kep-number');
  kep.authors = list('authors');
  kep.owningSig = text('owning-sig');
  kep.participatingSigs = list('participating-sigs');
  kep.reviewers = list('reviewers');
  kep.approvers = list('approvers');
  kep.editor = text('editor');
  kep.creationDate = text('creation-date');
  kep.lastUpdated = text('last-updated');
  kep.status = text('status');
  kep.seeAlso = list('see-also');
  kep.replaces = list('replaces');
  kep.supersededBy = list('superseded-by');
  kep.stage = text('stage');
  kep.latestMilestone = text('latest-milestone');
  kep.disableSupported = text('disable-supported');
  kep.metrics = list('metrics');
  const milestone = entryOf(root, 'milestone');
  if (milestone) {
    const stages = new Map<string, TextField>();
    if (milestone.value.kind === 'map') for (const e of milestone.value.entries) if (!stages.has(e.key)) stages.set(e.key, textField(e));
    kep.milestone = { entry: milestone, stages };
  }
  const gates = entryOf(root, 'feature-gates');
  if (gates) {
    const entries: FeatureGateEntry[] = [];
    if (gates.value.kind === 'seq') {
      for (const node of gates.value.items) {
        const gate: FeatureGateEntry = { node, range: node.range };
        if (node.kind === 'map') {
          const name = entryOf(node, 'name');
          const components = entryOf(node, 'components');
          if (name) gate.name = textField(name);
          if (components) gate.components = listField(components);
        }
        entries.push(gate);
      }
    }
    kep.featureGates = { entry: gates, gates: entries };
  }
  return kep;
}
