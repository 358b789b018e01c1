// Which open documents read a given file, so that opening, editing or closing one document
// re-analyses only those instead of every open document (with a whole checkout open, re-analysing
// all of them on each open made opening N files cost N² analyses).
//
// This mirrors every read of another file that the analysis makes through WorkspaceFiles:
// - a README reads its folder's kep.yaml (analysis.ts, kepLocation.ts: whether it is a KEP, its
//   metadata) and the template (the `kep.templatePath` setting or keps/NNNN-kep-template/README.md);
// - a kep.yaml reads its folder's README (title, gates, the questionnaire's answers),
//   keps/prod-readiness/<owning-sig>/<kep-number>.yaml (rules/metadata/context.ts) and OWNERS_ALIASES
//   (workspaceFacts.ts: the PRR approvers);
// - a PRR approval file reads OWNERS_ALIASES.
// Group names come from the bundled list and folder listings of the disk, which no open document
// changes. A new read of another file in the analysis needs a line here too; the unit test
// documentReaders.test.ts records the reads and fails when one is not covered.
import { isInTemplateFolder } from '../kep/kepLocation';
import { isPrrApprovalPath } from '../kep/prrApproval';
import { basename, dirname } from '../workspace/files';
import { enhancementsLocation } from '../kep/workspaceFacts';

export interface OpenFile {
  path: string;
  /** The document's current text (only kep.yaml texts are read, to find the one naming a PRR file). */
  text(): string;
}

/**
 * The paths of the open files whose analysis reads `changed` (its own path included when it is
 * open), or 'all' when every open document may read it: the template, OWNERS_ALIASES.
 */
export function readersOf(changed: string, open: Iterable<OpenFile>, templatePath?: string): 'all' | Set<string> {
  if (changed === templatePath || isInTemplateFolder(changed) || basename(changed) === 'OWNERS_ALIASES') return 'all';
  const readers = new Set<string>();
  if (isPrrApprovalPath(changed)) {
    // A kep.yaml finds its approval file by owning-sig and kep-number, so one whose text does not
    // hold the file's name (the number) cannot be naming it.
    const root = enhancementsLocation(changed)?.root;
    const number = basename(changed).replace(/\.yaml$/, '');
    for (const file of open) {
      if (file.path === changed) readers.add(file.path);
      else if (basename(file.path) === 'kep.yaml' && enhancementsLocation(file.path)?.root === root && file.text().includes(number)) readers.add(file.path);
    }
    return readers;
  }
  // A KEP's README and kep.yaml read each other, and nothing else reads either. Any other file in
  // their folder is read by nobody, so the folder is a safe superset.
  const folder = dirname(changed);
  for (const file of open) if (dirname(file.path) === folder) readers.add(file.path);
  return readers;
}
