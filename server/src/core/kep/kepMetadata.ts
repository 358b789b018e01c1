// The few kep.yaml fields that the README checks depend on (status, stage, milestone, title,
// number). Scalars are read as written, so `latest-milestone: 1.20` stays "1.20". A broken file
// yields whatever could be read; it never throws.
import { isMap, isScalar, parseDocument } from 'yaml';

export interface KepMetadata {
  title?: string;
  kepNumber?: string;
  status?: string;
  stage?: string;
  latestMilestone?: string;
  owningSig?: string;
}

/** Statuses of KEPs that are finished and no longer edited for content. */
export const FINISHED_STATUSES = new Set(['implemented', 'withdrawn', 'replaced', 'rejected', 'deferred']);

const FIELDS: Record<string, keyof KepMetadata> = {
  title: 'title',
  'kep-number': 'kepNumber',
  status: 'status',
  stage: 'stage',
  'latest-milestone': 'latestMilestone',
  'owning-sig': 'owningSig',
};

export function readKepMetadata(text: string): KepMetadata {
  const metadata: KepMetadata = {};
  try {
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    if (!isMap(doc.contents)) return metadata;
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const field = key !== undefined ? FIELDS[key] : undefined;
      if (!field || metadata[field] !== undefined || !isScalar(pair.value)) continue;
      const value = pair.value;
      metadata[field] = (typeof value.source === 'string' ? value.source : String(value.value ?? '')).trim();
    }
  } catch {
    // Parsing never fails: a file that is not YAML at all has no readable fields.
  }
  return metadata;
}
