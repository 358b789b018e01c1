// The JSON Schemas of kep.yaml and of production readiness approval files are the single source of
// truth for field names, shapes, allowed values and descriptions. Validation (rules/metadata),
// completion and hover read them through this module, by key path: ['milestone', 'beta'],
// ['feature-gates', 0, 'name'] (a number, or '*', steps into a list's items).
import kepSchemaJson from '../../../../schemas/kep.schema.json';
import prrSchemaJson from '../../../../schemas/prr-approval.schema.json';

export interface SchemaNode {
  $schema?: string;
  $ref?: string;
  allOf?: SchemaNode[];
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: string[];
  enumDescriptions?: string[];
  format?: string;
  examples?: string[];
  minLength?: number;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean;
  items?: SchemaNode;
  definitions?: Record<string, SchemaNode>;
}

export type SchemaName = 'kep' | 'prr';

/** How upstream's Go decoder reads a field: any scalar as text, a boolean, a list, or a struct. */
export type FieldShape = 'string' | 'boolean' | 'array' | 'object';

export interface AllowedValue {
  value: string;
  description?: string;
}

export interface FieldInfo {
  /** The key path joined with '.', list steps as '[]': "feature-gates[].name". */
  path: string;
  key: string;
  shape: FieldShape;
  description?: string;
  required: boolean;
  format?: string;
  allowedValues?: AllowedValue[];
  examples?: string[];
}

export type KeyPath = readonly (string | number)[];

const SCHEMAS: Record<SchemaName, SchemaNode> = {
  kep: kepSchemaJson as SchemaNode,
  prr: prrSchemaJson as SchemaNode,
};

export function rawSchema(name: SchemaName): SchemaNode {
  return SCHEMAS[name];
}

const resolvedCache = new Map<SchemaNode, SchemaNode>();

/** A schema node with `$ref` and `allOf` merged in (the node's own keywords win). */
export function resolveSchema(name: SchemaName, node: SchemaNode): SchemaNode {
  const cached = resolvedCache.get(node);
  if (cached) return cached;
  let merged: SchemaNode = {};
  const parts: SchemaNode[] = [];
  if (node.$ref) {
    const target = lookupRef(name, node.$ref);
    if (target) parts.push(resolveSchema(name, target));
  }
  for (const part of node.allOf ?? []) parts.push(resolveSchema(name, part));
  for (const part of parts) merged = { ...merged, ...part };
  const { $ref: _ref, allOf: _allOf, ...own } = node;
  merged = { ...merged, ...own };
  resolvedCache.set(node, merged);
  return merged;
}

function lookupRef(name: SchemaName, ref: string): SchemaNode | undefined {
  const m = /^#\/definitions\/(.+)$/.exec(ref);
  return m ? SCHEMAS[name].definitions?.[m[1]] : undefined;
}

export function shapeOf(node: SchemaNode): FieldShape {
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (types.includes('object') || node.properties) return 'object';
  if (types.includes('array') || node.items) return 'array';
  if (types.length === 1 && types[0] === 'boolean') return 'boolean';
  return 'string';
}

/** The resolved schema node at a key path, or undefined when the path leaves the schema. */
export function schemaAt(name: SchemaName, path: KeyPath): SchemaNode | undefined {
  let node: SchemaNode | undefined = resolveSchema(name, SCHEMAS[name]);
  for (const step of path) {
    if (!node) return undefined;
    if (typeof step === 'number' || step === '*') node = node.items ? resolveSchema(name, node.items) : undefined;
    else {
      const child: SchemaNode | undefined = node.properties?.[step];
      node = child ? resolveSchema(name, child) : undefined;
    }
  }
  return node;
}

/** The schema node of a list's items or a struct's field, resolved. */
export function childSchema(name: SchemaName, parent: SchemaNode, step: string | number): SchemaNode | undefined {
  const child = typeof step === 'number' || step === '*' ? parent.items : parent.properties?.[step];
  return child ? resolveSchema(name, child) : undefined;
}

function pathLabel(path: KeyPath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number' || step === '*') out += '[]';
    else out += out ? `.${step}` : step;
  }
  return out;
}

/** What completion and hover show for a field. */
export function fieldInfo(name: SchemaName, path: KeyPath): FieldInfo | undefined {
  const node = schemaAt(name, path);
  if (!node || !path.length) return undefined;
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  const parent = schemaAt(name, parentPath);
  const key = typeof last === 'string' ? last : '[]';
  const info: FieldInfo = {
    path: pathLabel(path),
    key,
    shape: shapeOf(node),
    required: typeof last === 'string' && !!parent?.required?.includes(last),
  };
  const description = node.description ?? (node.items ? resolveSchema(name, node.items).description : undefined);
  if (description) info.description = description;
  if (node.format) info.format = node.format;
  const values = allowedValues(name, path);
  if (values) info.allowedValues = values;
  if (node.examples) info.examples = node.examples;
  return info;
}

/** The keys a mapping at this path may hold, in schema order. */
export function knownKeys(name: SchemaName, path: KeyPath = []): string[] {
  const node = schemaAt(name, path);
  return node?.properties ? Object.keys(node.properties) : [];
}

/** The keys a mapping at this path must hold. */
export function requiredKeys(name: SchemaName, path: KeyPath = []): string[] {
  return schemaAt(name, path)?.required ?? [];
}

/** The documented set of values of a field (status, stage, booleans), with their descriptions. */
export function allowedValues(name: SchemaName, path: KeyPath): AllowedValue[] | undefined {
  const node = schemaAt(name, path);
  if (!node) return undefined;
  if (node.enum) return node.enum.map((value, i) => (node.enumDescriptions?.[i] ? { value, description: node.enumDescriptions[i] } : { value }));
  if (shapeOf(node) === 'boolean') return [{ value: 'true' }, { value: 'false' }];
  return undefined;
}

/** The documented values of status and stage, straight from the schema. */
export const STATUS_VALUES: readonly string[] = schemaAt('kep', ['status'])?.enum ?? [];
export const STAGE_VALUES: readonly string[] = schemaAt('kep', ['stage'])?.enum ?? [];
