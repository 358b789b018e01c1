// People are named by GitHub handle with a leading `@` ("@name", quoted because YAML cannot start
// a plain value with `@`). Upstream strips the `@` where it compares handles, so a missing `@`
// does not fail CI; the fix adds it. `TBD` (and N/A, none) stand for "not chosen yet" and are left
// alone here (see tbd-reviewers).
import type { TextField } from '../../kep/kepYaml';
import type { YamlScalar } from '../../kep/yamlDocument';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';
import { inSameQuotes, oneLine } from './util';

const PLACEHOLDER = /^(tbd|n\/?a|none|-)$/i;
/** A GitHub user or organisation name, optionally a team (`org/team`). */
const HANDLE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/;
const CURLY = /^[\u201c\u2018"'](.*)[\u201d\u2019"']$/;

function checkHandle(scalar: YamlScalar, field: string): RuleFinding | undefined {
  const value = scalar.isNull ? '' : scalar.text.trim();
  if (!value || PLACEHOLDER.test(value)) return undefined;
  if (value.startsWith('@') && HANDLE.test(value.slice(1))) return undefined;
  const curly = CURLY.exec(value);
  if (curly && scalar.style === 'plain') {
    const inner = curly[1].replace(/^@/, '');
    if (HANDLE.test(inner)) {
      return {
        range: scalar.range,
        message: `'${value}' in ${field} is wrapped in typographic quotes, which YAML keeps as part of the text: write "@${inner}".`,
        fix: { title: `Change to "@${inner}"`, changes: [{ range: scalar.range, newText: `"@${inner}"` }] },
      };
    }
  }
  if (!value.startsWith('@') && HANDLE.test(value)) {
    return {
      range: scalar.range,
      message: `Write GitHub handles with a leading '@': "@${value}" in ${field}.`,
      fix: { title: `Change to "@${value}"`, changes: [{ range: scalar.range, newText: inSameQuotes(scalar, `@${value}`) }] },
    };
  }
  const noted = /^@?([A-Za-z0-9][A-Za-z0-9-]*)\s+[-–(:,]/.exec(value);
  if (noted) {
    return {
      range: scalar.range,
      message: `'${oneLine(value)}' in ${field} is a handle with a note: keep only "@${noted[1]}" as the value and move the note into a YAML comment (# …).`,
    };
  }
  return { range: scalar.range, message: `'${oneLine(value)}' in ${field} is not a GitHub handle: write "@name".` };
}

function listFindings(items: YamlScalar[] | undefined, field: string): RuleFinding[] {
  return (items ?? []).map((s) => checkHandle(s, field)).filter((f): f is RuleFinding => f !== undefined);
}

function textFinding(field: TextField | undefined, name: string): RuleFinding[] {
  const f = field?.scalar ? checkHandle(field.scalar, name) : undefined;
  return f ? [f] : [];
}

export const handleFormat: MetadataRule = {
  id: 'handle-format',
  defaultSeverity: 'info',
  quietWhenFinished: false,
  description: 'A person not written as a GitHub handle with a leading @.',
  checkKepYaml(ctx) {
    const { kep } = ctx;
    if (ctx.folder.isTemplate) return [];
    return [
      ...listFindings(kep.authors?.items, 'authors'),
      ...listFindings(kep.reviewers?.items, 'reviewers'),
      ...listFindings(kep.approvers?.items, 'approvers'),
      ...textFinding(kep.editor, 'editor'),
    ];
  },
  checkPrrApproval(ctx) {
    if (ctx.isTemplate) return [];
    return [...ctx.prr.blocks.values()].flatMap((b) => textFinding(b.approver, `${b.stage}.approver`));
  },
};
