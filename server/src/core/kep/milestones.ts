// Kubernetes release milestones as KEPs write them: `v1.NN`. Two readings exist side by side:
// - the process's form, `v1.NN`, which the lint rules expect;
// - upstream CI's reading, a tolerant semantic version (blang/semver's ParseTolerant: an optional
//   `v`, missing parts filled with zeros, leading zeros dropped), which decides whether the
//   production readiness approval is required (latest-milestone ≥ v1.21).
// `"0.0"` is the legacy value that old KEPs carry on purpose to stay exempt from that check.

export const LEGACY_MILESTONE = '0.0';

export interface Milestone {
  major: number;
  minor: number;
}

/** The process's form: `v1.NN` exactly. */
const STRICT = /^v(\d+)\.(\d+)$/;
/** Forms that clearly mean a release, written differently: `1.20`, `v1.20.0`, `V1.20`. */
const LOOSE = /^[vV]?(\d+)\.(\d+)(?:\.0)?$/;

/** `v1.NN` → {1, NN}; anything else → undefined. */
export function parseMilestone(text: string): Milestone | undefined {
  const m = STRICT.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** Reads `v1.NN` and the near misses `1.NN`, `v1.NN.0`, `V1.NN`; not the legacy "0.0". */
export function parseMilestoneLoose(text: string): Milestone | undefined {
  const t = text.trim();
  if (t === LEGACY_MILESTONE) return undefined;
  const m = LOOSE.exec(t);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

export function formatMilestone(m: Milestone): string {
  return `v${m.major}.${m.minor}`;
}

export function compareMilestones(a: Milestone, b: Milestone): number {
  return a.major - b.major || a.minor - b.minor;
}

export function isLegacyMilestone(text: string): boolean {
  return text.trim() === LEGACY_MILESTONE;
}

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const DIGITS = /^[0-9]*$/;
const ALPHANUM = /^[0-9A-Za-z-]*$/;

function hasLeadingZero(s: string): boolean {
  return s.length > 1 && s[0] === '0';
}

function number(part: string): number | undefined {
  if (!DIGITS.test(part) || part === '' || hasLeadingZero(part)) return undefined;
  const n = Number(part);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** blang/semver's strict Parse: `major.minor.patch[-pre][+build]`. */
function parseStrictSemver(s: string): SemVer | undefined {
  const parts = splitN(s, '.', 3);
  if (parts.length !== 3) return undefined;
  const major = number(parts[0]);
  const minor = number(parts[1]);
  if (major === undefined || minor === undefined) return undefined;
  let patchStr = parts[2];
  let build: string[] = [];
  let prerelease: string[] = [];
  const plus = patchStr.indexOf('+');
  if (plus !== -1) {
    build = patchStr.slice(plus + 1).split('.');
    patchStr = patchStr.slice(0, plus);
  }
  const dash = patchStr.indexOf('-');
  if (dash !== -1) {
    prerelease = patchStr.slice(dash + 1).split('.');
    patchStr = patchStr.slice(0, dash);
  }
  const patch = number(patchStr);
  if (patch === undefined) return undefined;
  for (const p of prerelease) {
    if (p === '' || !ALPHANUM.test(p)) return undefined;
    if (DIGITS.test(p) && hasLeadingZero(p)) return undefined;
  }
  for (const b of build) if (b === '' || !ALPHANUM.test(b)) return undefined;
  return { major, minor, patch, prerelease };
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i === -1) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** Upstream CI's reading of latest-milestone (blang/semver ParseTolerant); undefined where CI fails. */
export function parseSemverTolerant(text: string): SemVer | undefined {
  let s = text.trim();
  if (s.startsWith('v')) s = s.slice(1);
  const parts = splitN(s, '.', 3).map((p) => {
    if (p.length <= 1) return p;
    let q = p.replace(/^0+/, '');
    if (q.length === 0 || !/[0-9]/.test(q[0])) q = '0' + q;
    return q;
  });
  if (parts.length < 3) {
    if (/[+-]/.test(parts[parts.length - 1])) return undefined;
    while (parts.length < 3) parts.push('0');
  }
  return parseStrictSemver(parts.join('.'));
}

export function compareSemver(a: SemVer, b: SemVer): number {
  const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (d) return d;
  if (!a.prerelease.length && !b.prerelease.length) return 0;
  if (!a.prerelease.length) return 1;
  if (!b.prerelease.length) return -1;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = DIGITS.test(x);
    const yn = DIGITS.test(y);
    if (xn && yn && Number(x) !== Number(y)) return Number(x) - Number(y);
    if (xn !== yn) return xn ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The first release for which upstream CI requires a production readiness approval. */
export const PRR_REQUIRED_FROM: SemVer = { major: 1, minor: 21, patch: 0, prerelease: [] };

export type PrrRequirement = 'required' | 'exempt' | 'unreadable';

/** Whether a KEP with this latest-milestone needs a PRR approval, as upstream CI decides it. */
export function prrRequirement(latestMilestone: string): PrrRequirement {
  const v = parseSemverTolerant(latestMilestone);
  if (!v) return 'unreadable';
  return compareSemver(v, PRR_REQUIRED_FROM) < 0 ? 'exempt' : 'required';
}
