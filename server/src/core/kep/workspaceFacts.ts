// Facts about the KEP's surroundings that the metadata checks compare against: the community
// groups (SIGs, working groups, committees), the production readiness approvers and the usual
// feature-gate components. Upstream fetches the first two from GitHub at check time; we combine
// what the workspace holds (its `keps/<group>` folders and its OWNERS_ALIASES) with a bundled
// snapshot, so the checks work offline and never reject a name the workspace knows.
// No IO of its own: everything is read through WorkspaceFiles.
import { parseYaml, entryOf } from './yamlDocument';
import { ancestors, basename, dirname, joinPath, type WorkspaceFiles } from '../workspace/files';

/** kubernetes/community sigs.yaml `dir:` entries, snapshot of 2026-08-21. */
export const BUNDLED_GROUPS: readonly string[] = [
  'committee-code-of-conduct',
  'committee-security-response',
  'committee-steering',
  'sig-api-machinery',
  'sig-apps',
  'sig-architecture',
  'sig-auth',
  'sig-autoscaling',
  'sig-cli',
  'sig-cloud-provider',
  'sig-cluster-lifecycle',
  'sig-contributor-experience',
  'sig-docs',
  'sig-etcd',
  'sig-instrumentation',
  'sig-k8s-infra',
  'sig-multicluster',
  'sig-network',
  'sig-node',
  'sig-release',
  'sig-scalability',
  'sig-scheduling',
  'sig-security',
  'sig-storage',
  'sig-testing',
  'sig-ui',
  'sig-windows',
  'wg-ai-gateway',
  'wg-batch',
  'wg-checkpoint-restore',
  'wg-data-protection',
  'wg-device-management',
  'wg-etcd-operator',
  'wg-node-lifecycle',
  'wg-workload-aware-scheduling',
];

/** kubernetes/enhancements OWNERS_ALIASES `prod-readiness-approvers`, snapshot of 2026-08-21. */
export const BUNDLED_PRR_APPROVERS: readonly string[] = ['deads2k', 'johnbelamaric', 'jpbetz', 'soltysh', 'wojtek-t', 'kannon92'];
/** …and `prod-readiness-approvers-emeritus`, which upstream accepts too. */
export const BUNDLED_PRR_APPROVERS_EMERITUS: readonly string[] = ['ehashman'];

export const PRR_APPROVER_ALIASES = ['prod-readiness-approvers', 'prod-readiness-approvers-emeritus'];

/** The programs most feature gates name, most used first (kep-facts §4). */
export const KNOWN_COMPONENTS: readonly string[] = [
  'kube-apiserver',
  'kubelet',
  'kube-controller-manager',
  'kube-scheduler',
  'kube-proxy',
  'kubectl',
  'cloud-controller-manager',
  'external-provisioner',
  'kubeadm',
];

/** Folders under keps/ that are not community groups. */
const NOT_GROUPS = new Set(['prod-readiness', 'NNNN-kep-template']);
const GROUP_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * WorkspaceFiles with an optional folder listing. When the host provides it, the `keps/<group>`
 * folders of the workspace count as known groups; without it, only the bundled list and the group
 * folder of the file being checked do.
 */
export interface ListingWorkspaceFiles extends WorkspaceFiles {
  /** Names of the entries of a folder, or undefined when it cannot be listed. */
  listDirectory?(path: string): string[] | undefined;
}

export interface EnhancementsLocation {
  /** The folder that contains `keps/`. */
  root: string;
  /** Path segments below `keps/`, e.g. ['sig-node', '1234-foo', 'kep.yaml']. */
  segments: string[];
}

/** Where a file sits in an enhancements checkout: the nearest folder named `keps` above it. */
export function enhancementsLocation(path: string): EnhancementsLocation | undefined {
  const parts = path.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] === 'keps') {
      const root = parts.slice(0, i).join('/') || '/';
      return { root, segments: parts.slice(i + 1) };
    }
  }
  return undefined;
}

export interface PrrApproverList {
  /** Every approver upstream accepts (without `@`). */
  names: ReadonlySet<string>;
  /** The OWNERS_ALIASES the workspace's part came from, when there is one. */
  ownersAliasesPath?: string;
}

export interface WorkspaceFacts {
  /** The enhancements checkout root (the folder holding `keps/`), when the file lies in one. */
  root: string | undefined;
  /** Known community groups, sorted: the bundled snapshot plus the workspace's group folders. */
  groups(): readonly string[];
  isKnownGroup(name: string): boolean;
  prrApprovers(): PrrApproverList;
  components: readonly string[];
}

/** Aliases of an OWNERS_ALIASES file: alias name → members as written. */
export function parseOwnersAliases(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const doc = parseYaml(text);
  const aliases = doc.root?.kind === 'map' ? entryOf(doc.root, 'aliases')?.value : undefined;
  if (aliases?.kind !== 'map') return out;
  for (const entry of aliases.entries) {
    if (out.has(entry.key)) continue;
    const members = entry.value.kind === 'seq' ? entry.value.items.flatMap((i) => (i.kind === 'scalar' && !i.isNull ? [i.text.trim()] : [])) : [];
    out.set(entry.key, members);
  }
  return out;
}

const ownersCache = new Map<string, { text: string; approvers: string[] | undefined }>();

/** The PRR approvers listed in one OWNERS_ALIASES text, or undefined when it has neither alias. */
function approversFrom(path: string, text: string): string[] | undefined {
  const cached = ownersCache.get(path);
  if (cached && cached.text === text) return cached.approvers;
  const aliases = parseOwnersAliases(text);
  const lists = PRR_APPROVER_ALIASES.map((a) => aliases.get(a)).filter((l): l is string[] => l !== undefined);
  const approvers = lists.length ? lists.flat() : undefined;
  if (ownersCache.size > 32) ownersCache.clear();
  ownersCache.set(path, { text, approvers });
  return approvers;
}

export function workspaceFacts(path: string, files: ListingWorkspaceFiles): WorkspaceFacts {
  const location = enhancementsLocation(path);
  const root = location?.root;
  let groups: string[] | undefined;
  let approvers: PrrApproverList | undefined;
  const ownGroup = location && location.segments.length > 1 && location.segments[0] !== 'prod-readiness' ? location.segments[0] : undefined;
  const facts: WorkspaceFacts = {
    root,
    components: KNOWN_COMPONENTS,
    groups() {
      if (groups) return groups;
      const set = new Set(BUNDLED_GROUPS);
      if (ownGroup && isGroupFolder(ownGroup)) set.add(ownGroup);
      if (root && files.listDirectory) {
        let listed: string[] | undefined;
        try {
          listed = files.listDirectory(joinPath(root, 'keps'));
        } catch {
          listed = undefined;
        }
        for (const name of listed ?? []) if (isGroupFolder(name)) set.add(name);
        try {
          listed = files.listDirectory(joinPath(root, 'keps', 'prod-readiness'));
        } catch {
          listed = undefined;
        }
        for (const name of listed ?? []) if (isGroupFolder(name) && name !== 'template') set.add(name);
      }
      groups = [...set].sort();
      return groups;
    },
    isKnownGroup(name) {
      return facts.groups().includes(name);
    },
    prrApprovers() {
      if (approvers) return approvers;
      const names = new Set([...BUNDLED_PRR_APPROVERS, ...BUNDLED_PRR_APPROVERS_EMERITUS]);
      approvers = { names };
      for (const dir of ancestors(path)) {
        const candidate = joinPath(dir, 'OWNERS_ALIASES');
        const text = files.exists(candidate) ? files.readText(candidate) : undefined;
        if (text === undefined) continue;
        const listed = approversFrom(candidate, text);
        if (!listed) continue;
        for (const name of listed) names.add(name.replace(/^@/, ''));
        approvers.ownersAliasesPath = candidate;
        break;
      }
      return approvers;
    },
  };
  return facts;
}

function isGroupFolder(name: string): boolean {
  return !NOT_GROUPS.has(name) && GROUP_NAME.test(name);
}

/** The KEP folder facts of a kep.yaml path: its group folder and its number prefix. */
export interface KepFolder {
  /** `keps/<group>/…`: the group folder the KEP sits in. */
  group: string | undefined;
  /** The KEP folder's name, e.g. `1234-short-name`. */
  name: string;
  /** The folder name's leading number, as written. */
  number: string | undefined;
  isTemplate: boolean;
}

export function kepFolder(kepYamlPath: string): KepFolder {
  const folder = dirname(kepYamlPath);
  const name = basename(folder);
  const location = enhancementsLocation(kepYamlPath);
  const group = location && location.segments.length >= 3 ? location.segments[0] : undefined;
  return {
    group: group && isGroupFolder(group) ? group : undefined,
    name,
    number: /^(\d+)-/.exec(name)?.[1],
    isTemplate: name === 'NNNN-kep-template',
  };
}
