// The typed view of a production readiness approval file,
// `keps/prod-readiness/<owning-sig>/<kep-number>.yaml`: the KEP number and, per stage, the block
// naming the approver. Reading never throws.
import { textField, type TextField } from './kepYaml';
import type { Range } from '../text/positions';
import { entryOf, parseYaml, type YamlDocument, type YamlMap, type YamlMapEntry } from './yamlDocument';

export const PRR_STAGES = ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'] as const;
export type PrrStage = (typeof PRR_STAGES)[number];

export interface PrrBlock {
  stage: PrrStage;
  entry: YamlMapEntry;
  keyRange: Range;
  /** False when the block is written but empty (`beta:`): upstream treats it as absent. */
  present: boolean;
  approver?: TextField;
}

export interface PrrApproval {
  document: YamlDocument;
  root: YamlMap | undefined;
  kepNumber?: TextField;
  blocks: Map<PrrStage, PrrBlock>;
}

/** `…/keps/prod-readiness/<group>/<file>.yaml` (the template folder included). */
const PRR_PATH = /(?:^|\/)keps\/prod-readiness\/[^/]+\/[^/]+\.yaml$/;

export function isPrrApprovalPath(path: string): boolean {
  return PRR_PATH.test(path);
}

export function readPrrApproval(text: string): PrrApproval {
  const document = parseYaml(text);
  const root = document.root?.kind === 'map' ? document.root : undefined;
  const approval: PrrApproval = { document, root, blocks: new Map() };
  if (!root) return approval;
  const number = entryOf(root, 'kep-number');
  if (number) approval.kepNumber = textField(number);
  for (const stage of PRR_STAGES) {
    const entry = entryOf(root, stage);
    if (!entry) continue;
    const v = entry.value;
    const block: PrrBlock = { stage, entry, keyRange: entry.keyRange, present: !(v.kind === 'scalar' && v.isNull) };
    if (v.kind === 'map') {
      const approver = entryOf(v, 'approver');
      if (approver) block.approver = textField(approver);
    }
    approval.blocks.set(stage, block);
  }
  return approval;
}
