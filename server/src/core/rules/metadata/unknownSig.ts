// owning-sig and participating-sigs name community groups: the folder names of kubernetes/community's
// sigs.yaml (SIGs, working groups, committees). Known groups are a bundled snapshot plus the
// workspace's keps/<group> folders; `kubernetes-wide` is also accepted for participating-sigs.
// Upstream CI does not check these (kepctl does), and the snapshot may lag behind a new group, so
// this is a warning.
import { textOf } from '../../kep/kepYaml';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';
import { closestGroup, oneLine } from './util';

function suggest(name: string, groups: readonly string[]): string {
  const g = closestGroup(name, groups);
  return g ? ` Did you mean '${g}'?` : '';
}

export const unknownSig: MetadataRule = {
  id: 'unknown-sig',
  defaultSeverity: 'warning',
  quietWhenFinished: true,
  description: 'owning-sig or participating-sigs names a group that is not a SIG, working group or committee.',
  checkKepYaml(ctx) {
    if (ctx.folder.isTemplate) return [];
    const { facts, kep } = ctx;
    const findings: RuleFinding[] = [];
    const sig = textOf(kep.owningSig);
    if (kep.owningSig?.scalar && sig && !facts.isKnownGroup(sig)) {
      findings.push({
        range: kep.owningSig.valueRange,
        message: `owning-sig '${oneLine(sig)}' is not a known SIG, working group or committee (kubernetes/community sigs.yaml).${suggest(sig, facts.groups())}`,
      });
    }
    for (const item of kep.participatingSigs?.items ?? []) {
      const name = item.isNull ? '' : item.text.trim();
      if (!name || name === 'kubernetes-wide' || facts.isKnownGroup(name)) continue;
      findings.push({
        range: item.range,
        message: `participating-sigs entry '${oneLine(name)}' is not a known SIG, working group or committee (or kubernetes-wide).${suggest(name, facts.groups())}`,
      });
    }
    return findings;
  },
};
