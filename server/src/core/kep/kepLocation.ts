// Where a KEP README sits in a kubernetes/enhancements checkout: whether it is a KEP at all, its
// sibling kep.yaml, and the workspace template that applies to it.
import { ancestors, basename, dirname, joinPath, type WorkspaceFiles } from '../workspace/files';
import { headingWords } from '../markdown/sectionKey';

export const TEMPLATE_FOLDER = 'NNNN-kep-template';
export const TEMPLATE_RELATIVE_PATH = `keps/${TEMPLATE_FOLDER}/README.md`;

const KEP_FOLDER_PATH = /\/keps\/[^/]+\/(?:[^/]+\/)?\d+-[^/]+\/[^/]+$/;
const KEP_TITLE = /^KEP-\d+\b/i;

export interface KepLocation {
  readmePath: string;
  folder: string;
  kepYamlPath: string;
  /** The workspace's template README, when the KEP lies in an enhancements checkout. */
  workspaceTemplatePath?: string;
}

function isReadme(path: string): boolean {
  return basename(path).toLowerCase() === 'readme.md';
}

/** The template's own folder (README and kep.yaml) is the process's example, not a KEP. */
export function isInTemplateFolder(path: string): boolean {
  return basename(dirname(path)) === TEMPLATE_FOLDER;
}

/**
 * A Markdown file is a KEP README when its folder holds a kep.yaml, when it lies in a
 * `keps/<sig>/<NNNN-name>/` folder, or when its first heading is `KEP-<number>: …`. The template
 * itself is not a KEP.
 */
export function isKepDocument(path: string, firstHeading: string | undefined, files: WorkspaceFiles): boolean {
  if (isInTemplateFolder(path)) return false;
  if (isReadme(path) && (files.exists(joinPath(dirname(path), 'kep.yaml')) || KEP_FOLDER_PATH.test(path))) return true;
  return firstHeading !== undefined && KEP_TITLE.test(headingWords(firstHeading));
}

export function locateKep(readmePath: string, files: WorkspaceFiles): KepLocation {
  const folder = dirname(readmePath);
  const location: KepLocation = { readmePath, folder, kepYamlPath: joinPath(folder, 'kep.yaml') };
  for (const dir of ancestors(readmePath)) {
    const candidate = joinPath(dir, TEMPLATE_RELATIVE_PATH);
    if (files.exists(candidate)) {
      location.workspaceTemplatePath = candidate;
      break;
    }
  }
  return location;
}
