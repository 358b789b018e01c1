// An implemented KEP has reached its final stage: `status: implemented` goes with `stage: stable`
// (kepctl checks "status:implemented implies stage:stable"; upstream CI does not). The fix sets
// the stage when the KEP is still at alpha or beta or has none. A deprecation KEP (stage deprecated,
// disabled or removed) is not reported: its last stage is the removal, not stable.
import { textOf } from '../../kep/kepYaml';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';

const SAFE_TO_FIX = new Set(['', 'alpha', 'beta']);
/** Stages past stable: an implemented deprecation or removal ends there. */
const RETIRING = new Set(['deprecated', 'disabled', 'removed']);

export const implementedStable: MetadataRule = {
  id: 'implemented-stable',
  defaultSeverity: 'warning',
  quietWhenFinished: false,
  description: "status 'implemented' without stage 'stable'.",
  checkKepYaml(ctx) {
    const { status, stage } = ctx.kep;
    if (status?.text !== 'implemented') return [];
    const value = textOf(stage);
    if (value === 'stable' || RETIRING.has(value) || (stage && stage.text === undefined)) return [];
    const message = value
      ? `This KEP is implemented but its stage is '${value}': an implemented KEP has reached stage stable (kepctl: "status:implemented implies stage:stable"). Set stage: stable, or move the status back if the work continues.`
      : 'This KEP is implemented but has no stage: an implemented KEP has reached stage stable. Add stage: stable.';
    const finding: RuleFinding = { range: stage ? stage.valueRange : status.valueRange, message };
    if (SAFE_TO_FIX.has(value)) {
      if (stage) {
        const empty = stage.scalar && stage.scalar.start === stage.scalar.end;
        finding.fix = { title: 'Set stage: stable', changes: [{ range: stage.valueRange, newText: empty ? ' stable' : 'stable' }] };
      } else if (ctx.kep.root && !ctx.kep.root.flow) {
        const doc = ctx.document;
        const end = status.entry.end;
        const lineEnd = doc.text.slice(end).search(/\r?\n|\r|$/);
        const at = doc.positionAt(end + lineEnd);
        const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
        finding.fix = { title: 'Add stage: stable', changes: [{ range: { start: at, end: at }, newText: `${eol}stage: stable` }] };
      }
    }
    return [finding];
  },
};
