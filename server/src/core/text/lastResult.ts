// Results a rule (or a fact every analysis needs) can keep from one analysis of a document to the next. An edit usually changes one
// body's facts, or none (typing in prose), and the context hands out the very same objects for what
// did not change (the section tree, the list of body facts, the parsed kep.yaml). A rule whose loop
// over every section or body depends on nothing else keeps its findings while those objects stand,
// so the loop runs once per change of its inputs rather than once per keystroke.
import { sameElements } from './arrays';

export interface LastResult<T> {
  inputs: readonly unknown[];
  value: T;
}

/** A per-document store for `lastResult` (keyed by the document's index), one per rule or fact. */
export function resultStore<T>(): WeakMap<object, LastResult<T>> {
  return new WeakMap();
}

/**
 * `compute()`, or the value it gave for this document last time if `inputs` are the same values
 * (===) as then. `inputs` must name everything `compute` reads that can change between analyses.
 */
export function lastResult<T>(store: WeakMap<object, LastResult<T>>, document: object, inputs: readonly unknown[], compute: () => T): T {
  const last = store.get(document);
  if (last && sameElements(last.inputs, inputs)) return last.value;
  const value = compute();
  store.set(document, { inputs, value });
  return value;
}
