// Checks a YAML document against one of our JSON Schemas the way upstream's Go code reads it
// (gopkg.in/yaml.v3 with KnownFields, then go-playground/validator's `required`):
// - a field that is not in the schema is rejected ("field x not found in type api.Proposal");
// - text fields take any scalar as the text written (so `kep-number: 1234` is fine), but not a
//   list or mapping; a null reads as "";
// - list fields take a list or a null, not a scalar or mapping;
// - booleans take true/false (any case yaml.v3 knows) and YAML 1.1's yes/no/on/off/y/n, not
//   quoted "true";
// - `required` means a non-empty text, or a list that is present (an empty `[]` passes).
import { childSchema, resolveSchema, rawSchema, shapeOf, type SchemaName, type SchemaNode } from './kepSchema';
import type { Range } from '../text/positions';
import type { YamlDocument, YamlMap, YamlNode } from './yamlDocument';

export type ShapeProblemKind = 'unknown' | 'type' | 'required';

export interface ShapeProblem {
  kind: ShapeProblemKind;
  /** Key path of the field, e.g. "milestone.beta", "feature-gates[].name". */
  path: string;
  key: string;
  range: Range;
  /** What is wrong, in our words (type problems) or '' (the rules word the others). */
  detail: string;
  /** What upstream CI says about it. */
  upstream: string;
  /** For required fields: the key is absent (true) or written without a value (false). */
  absent?: boolean;
}

/** Upstream's Go type for each struct, for messages that quote upstream. */
const GO_TYPES: Record<SchemaName, Record<string, string>> = {
  kep: { '': 'api.Proposal', milestone: 'api.Milestone', 'feature-gates[]': 'api.FeatureGate' },
  prr: {
    '': 'api.PRRApproval',
    alpha: 'api.PRRMilestone',
    beta: 'api.PRRMilestone',
    stable: 'api.PRRMilestone',
    deprecated: 'api.PRRMilestone',
    disabled: 'api.PRRMilestone',
    removed: 'api.PRRMilestone',
  },
};

/** Upstream's Go field names of required fields, as its validator names them. */
const GO_FIELDS: Record<string, string> = {
  title: 'Title',
  'kep-number': 'Number',
  authors: 'Authors',
  'owning-sig': 'OwningSIG',
  approvers: 'Approvers',
  status: 'Status',
  approver: 'Approver',
  alpha: 'Alpha',
  beta: 'Beta',
  stable: 'Stable',
  deprecated: 'Deprecated',
  disabled: 'Disabled',
  removed: 'Removed',
};

const GO_TRUE_FALSE = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const YAML11_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

function join(path: string, step: string | number): string {
  if (typeof step === 'number') return `${path}[]`;
  return path ? `${path}.${step}` : step;
}

function goTypeOf(schema: SchemaName, path: string, node: SchemaNode): string {
  const shape = shapeOf(node);
  if (shape === 'object') return GO_TYPES[schema][path] ?? 'struct';
  if (shape === 'array') {
    const items = node.items ? shapeOf(node.items) : 'string';
    return items === 'object' ? `[]${GO_TYPES[schema][`${path}[]`] ?? 'struct'}` : '[]string';
  }
  return shape === 'boolean' ? 'bool' : 'string';
}

/** The tag yaml.v3 resolves a node to, as its error messages show it. */
function yamlTag(node: YamlNode): string {
  if (node.kind === 'map') return '!!map';
  if (node.kind === 'seq') return '!!seq';
  const t = node.text;
  let tag = '!!str';
  if (node.style === 'plain' && !node.tag) {
    if (/^[-+]?(0|[1-9][0-9]*|0o?[0-7]+|0x[0-9a-fA-F]+)$/.test(t)) tag = '!!int';
    else if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(t)) tag = '!!float';
    else if (/^(true|True|TRUE|false|False|FALSE)$/.test(t)) tag = '!!bool';
  }
  return `${tag} \`${t.length > 30 ? t.slice(0, 30) + '…' : t}\``;
}

/** The validator's name of a field: 'Proposal.Title', 'PRRApproval.Alpha.Approver'. */
function goNamespace(schema: SchemaName, path: string, key: string): string {
  const root = (GO_TYPES[schema][''] ?? 'struct').replace(/^api\./, '');
  const steps = [...(path ? path.split('.') : []), key].map((s) => GO_FIELDS[s] ?? s);
  return [root, ...steps].join('.');
}

function expected(node: SchemaNode): string {
  const shape = shapeOf(node);
  if (shape === 'object') return 'a mapping of fields';
  if (shape === 'boolean') return 'true or false';
  if (shape === 'array') return node.items && shapeOf(node.items) === 'object' ? 'a list of mappings' : 'a list (one `- item` per line)';
  return 'text';
}

function written(node: YamlNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  return `'${node.text}'`;
}

/** Whether yaml.v3 would decode this scalar into a Go bool. */
export function isGoBool(node: YamlNode): boolean {
  if (node.kind !== 'scalar') return false;
  if (node.isNull) return true;
  if (YAML11_BOOLS.has(node.text)) return true;
  return node.style === 'plain' && (!node.tag || node.tag === 'tag:yaml.org,2002:bool') && GO_TRUE_FALSE.has(node.text);
}

class ShapeChecker {
  readonly problems: ShapeProblem[] = [];

  constructor(private readonly schema: SchemaName) {}

  check(doc: YamlDocument): ShapeProblem[] {
    const root = resolveSchema(this.schema, rawSchema(this.schema));
    const top = doc.root;
    if (!top || (top.kind === 'scalar' && top.isNull)) {
      this.missingRequired(root, undefined, '', doc.rangeAt(0, 0));
    } else this.walk(top, root, '');
    return this.problems;
  }

  private walk(node: YamlNode, schema: SchemaNode, path: string): void {
    const shape = shapeOf(schema);
    if (shape === 'object') {
      if (node.kind === 'scalar' && node.isNull) return;
      if (node.kind !== 'map') {
        this.typeProblem(node, schema, path);
        return;
      }
      for (const entry of node.entries) {
        if (entry.key === '<<') continue;
        const child = childSchema(this.schema, schema, entry.key);
        if (!child) {
          if (schema.additionalProperties === false) {
            this.problems.push({
              kind: 'unknown',
              path: join(path, entry.key),
              key: entry.key,
              range: entry.keyRange,
              detail: '',
              upstream: `field ${entry.key} not found in type ${GO_TYPES[this.schema][path] ?? 'struct'}`,
            });
          }
          continue;
        }
        this.walk(entry.value, child, join(path, entry.key));
      }
      this.missingRequired(schema, node, path, node.entries[0]?.keyRange ?? node.range);
      return;
    }
    if (shape === 'array') {
      if (node.kind === 'scalar' && node.isNull) return;
      if (node.kind !== 'seq') {
        this.typeProblem(node, schema, path);
        return;
      }
      const items = childSchema(this.schema, schema, 0);
      if (items) node.items.forEach((item) => this.walk(item, items, join(path, 0)));
      return;
    }
    if (shape === 'boolean') {
      if (!isGoBool(node)) this.typeProblem(node, schema, path);
      return;
    }
    if (node.kind !== 'scalar') this.typeProblem(node, schema, path);
  }

  private typeProblem(node: YamlNode, schema: SchemaNode, path: string): void {
    const label = path ? `'${path}'` : 'The file';
    const key = path.replace(/\[\]$/, '').split('.').pop() ?? path;
    this.problems.push({
      kind: 'type',
      path,
      key,
      range: node.range,
      detail: `${label} must be ${expected(schema)}, but it is ${written(node)}${node.kind === 'scalar' && node.style !== 'plain' && shapeOf(schema) === 'boolean' ? ' in quotes' : ''}`,
      upstream: `cannot unmarshal ${yamlTag(node)} into ${goTypeOf(this.schema, path, schema)}`,
    });
  }

  private missingRequired(schema: SchemaNode, node: YamlMap | undefined, path: string, where: Range): void {
    for (const key of schema.required ?? []) {
      const child = childSchema(this.schema, schema, key);
      if (!child) continue;
      const entry = node?.entries.find((e) => e.key === key);
      const goField = GO_FIELDS[key] ?? key;
      const upstream = `Key: '${goNamespace(this.schema, path, key)}' Error:Field validation for '${goField}' failed on the 'required' tag`;
      const fieldPath = join(path, key);
      if (!entry) {
        this.problems.push({ kind: 'required', path: fieldPath, key, range: where, detail: '', upstream, absent: true });
        continue;
      }
      const v = entry.value;
      const shape = shapeOf(child);
      const empty = shape === 'array' ? v.kind === 'scalar' && v.isNull : v.kind === 'scalar' && (v.isNull || v.text === '');
      if (empty) this.problems.push({ kind: 'required', path: fieldPath, key, range: entry.keyRange, detail: '', upstream, absent: false });
    }
  }
}

/** Shape problems of a document against a schema, in document order per mapping. */
export function checkShape(doc: YamlDocument, schema: SchemaName): ShapeProblem[] {
  return new ShapeChecker(schema).check(doc);
}
