// Metrics the README names under "Metric name:" (the SLI question) that kep.yaml's `metrics` does
// not list. When kep.yaml lists no metrics at all, one finding on the first bullet names them all:
// none where the stage requires metrics (from beta), since stage-required-fields reports that gap on
// kep.yaml with a fix, and information before then (kep.yaml needs no metrics at alpha); a warning
// from beta when kep.yaml's list holds only the template's example or "N/A". A single
// name missing from a list kep.yaml already has is information (KEPs often cite existing metrics
// such as workqueue_depth that they do not add).
import { range } from '../text/positions';
import { metricName, type NameRef } from '../kep/readmeText';
import type { Rule, RuleFinding } from './rule';
import { atLeast, FIELD_STAGES, stageFacts, stageReportsMissing } from '../kep/stageRequirements';

/** The example metric of the kep.yaml template. */
const TEMPLATE_METRIC = 'my_feature_metric';
const SUFFIXES = ['_total', '_count', '_sum', '_bucket', '_seconds'];

/** Same metric: equal, or one is the other plus a Prometheus suffix (`apiserver_request` ~ `apiserver_request_total`). */
export function sameMetric(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && SUFFIXES.includes(long.slice(short.length));
}

export const metricNotInKepYaml: Rule = {
  id: 'metric-not-in-kep-yaml',
  defaultSeverity: 'info',
  description:
    "A metric named in the README ('Metric name:') is not in kep.yaml's metrics (before beta, or beside a list kep.yaml has; from beta an empty list is stage-required-fields' finding).",
  quietWhenFinished: true,
  check(ctx) {
    const kep = ctx.kepYaml;
    if (!kep) return [];
    const refs: NameRef[] = ctx.labelled('metric').flatMap((b) => b.names);
    if (!refs.length) return [];
    // Entries that are not metric names ("N/A", "TBD") and the template's example list nothing.
    const listed = (kep.metrics?.items ?? []).map((i) => metricName(i.text)).filter((m) => m.includes('_') && m !== TEMPLATE_METRIC);
    if (!listed.length) {
      if (stageReportsMissing(kep, 'metrics')) return [];
      // From beta, a list with only the template's example or "N/A" is the same gap, which
      // stage-required-fields does not see: a warning here.
      const facts = stageFacts(kep);
      const required = facts !== undefined && atLeast(facts.stage, FIELD_STAGES.metrics);
      const names = [...new Set(refs.map((r) => r.name))];
      const first = refs[0];
      const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
      return [
        {
          range: range(first.line, first.start, first.line, first.end),
          ...(required ? { severity: 'warning' as const } : {}),
          message: `The README names metric${names.length === 1 ? '' : 's'} ${shown}, but kep.yaml lists no metrics: add ${names.length === 1 ? 'it' : 'them'} under metrics in kep.yaml.`,
        },
      ];
    }
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      if (seen.has(ref.name) || listed.some((m) => sameMetric(m, ref.name))) continue;
      seen.add(ref.name);
      findings.push({
        range: range(ref.line, ref.start, ref.line, ref.end),
        message: `Metric '${ref.name}' is not in kep.yaml's metrics: list it there if this KEP adds or relies on it.`,
      });
    }
    return findings;
  },
};
