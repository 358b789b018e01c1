// Bundled help for the KEP template's sections and labelled bullets, written in our own words
// (never the template's comment prose). Keyed by sectionKey(title) of the template heading.
import { sectionKey } from '../markdown/sectionKey';

export type SectionKind = 'prr-section' | 'prr-question' | 'section';

export interface SectionHelp {
  kind: SectionKind;
  /** For PRR questions: the sectionKey of the PRR section that asks it. */
  prrSection?: string;
  purpose: string;
  goodAnswer: string[];
  pushback?: string[];
}

type Entry = [title: string, purpose: string, goodAnswer: string[], pushback?: string[]];

const FE = 'Feature Enablement and Rollback';
const RO = 'Rollout, Upgrade and Rollback Planning';
const MO = 'Monitoring Requirements';
const DE = 'Dependencies';
const SC = 'Scalability';
const TR = 'Troubleshooting';

const PRR_SECTIONS: Entry[] = [
  [
    'Production Readiness Review Questionnaire',
    'Collects what a production readiness (PRR) approver needs to judge whether the feature can be run, observed and rolled back safely in real clusters.',
    [
      'Every question for the current stage answered concretely, not "N/A" without a reason',
      'Answers consistent with kep.yaml (feature gates, metrics, disable-supported)',
    ],
    ['Sections required for the target stage left as template text', 'Answers that restate the design instead of addressing operations'],
  ],
  [
    FE,
    'Explains how the feature is switched on and off, and what happens to clusters and workloads when that is done.',
    ['The feature gate (or other mechanism) and the components that read it', 'What changes by default and what a rollback leaves behind'],
    ['Rollback consequences for data already written with the feature on', 'No test that flips the gate on and off'],
  ],
  [
    RO,
    'Shows the feature can be rolled out and rolled back during upgrades without hurting running workloads.',
    [
      'Concrete failure modes of rollout and rollback',
      'Metrics that tell an operator to roll back',
      'Evidence the upgrade, downgrade, upgrade path was exercised',
    ],
    ['Upgrade/rollback testing promised but not done before beta', 'Rollback signals that are not real, existing metrics'],
  ],
  [
    MO,
    'Describes how operators and users can tell whether the feature is in use and healthy.',
    ['Named metrics with the components that expose them', 'SLOs and SLIs an operator can actually measure'],
    ['Metrics that are missing or not wired up', 'Events (for users) offered where metrics (for operators) are needed'],
  ],
  [
    DE,
    'Lists what the feature relies on at runtime so operators know what an outage elsewhere does to it.',
    ['Each dependency with its usage, the impact of its outage and of its slowness'],
    ['Dependencies on other cluster services or node components left unmentioned'],
  ],
  [
    SC,
    'Shows the feature does not degrade cluster scalability or existing SLOs.',
    ['New API calls, types and object growth, with rough numbers', 'Resource usage in affected components and on nodes'],
    ['"No impact" without reasoning', 'Unbounded object growth or per-pod API calls'],
  ],
  [
    TR,
    'Helps on-call operators diagnose and mitigate problems with the feature.',
    ['Behaviour when the API server or etcd is unavailable', 'Known failure modes with detection, mitigation and diagnostics'],
    ['Failure modes without a way to detect them', 'Troubleshooting steps that require reading source code'],
  ],
];

const PRR_QUESTIONS: [section: string, ...Entry][] = [
  [
    FE,
    'How can this feature be enabled / disabled in a live cluster?',
    'Names the switch that turns the feature on and off, and what turning it needs.',
    ['The feature gate name and every component that checks it', 'Whether control plane or node downtime is needed'],
    ['Gate names missing from kep.yaml', 'Components depending on the gate not listed'],
  ],
  [
    FE,
    'Does enabling the feature change any default behavior?',
    'Tells operators whether turning the feature on alters what existing workloads see.',
    ['Yes or no, and exactly which behaviour changes for whom'],
    ['Hidden default changes for workloads that did not opt in'],
  ],
  [
    FE,
    'Can the feature be disabled once it has been enabled (i.e. can we roll back the enablement)?',
    'Establishes whether enablement is reversible and what is lost when reverting.',
    ['Yes or no, matching disable-supported in kep.yaml', 'What happens to objects or fields created while it was on'],
    ['Data written with the feature on that becomes invalid when off'],
  ],
  [
    FE,
    'What happens if we reenable the feature if it was previously rolled back?',
    'Checks that turning the feature back on after a rollback is safe.',
    ['How leftover state is treated when the feature returns'],
    ['Assuming a clean slate when stale state may exist'],
  ],
  [
    FE,
    'Are there any tests for feature enablement/disablement?',
    'Asks for tests that exercise switching the feature on and off.',
    ['Links to unit or integration tests that toggle the gate', 'Coverage of field handling when the gate is off'],
    ['Tests planned but not linked by beta'],
  ],
  [
    RO,
    'How can a rollout or rollback fail? Can it impact already running workloads?',
    'Makes authors think through what can break during rollout or rollback.',
    ['Specific failure scenarios, including version skew between components', 'Whether running workloads are affected'],
    ['"It cannot fail" without analysis'],
  ],
  [
    RO,
    'What specific metrics should inform a rollback?',
    'Points operators at the signals that mean the feature should be turned off.',
    ['Named existing metrics and the values that indicate trouble'],
    ['Metrics that do not exist or are not exposed yet'],
  ],
  [
    RO,
    'Were upgrade and rollback tested? Was the upgrade->downgrade->upgrade path tested?',
    'Asks for evidence that upgrade and rollback work in practice.',
    ['How the test was run and what was observed', 'Manual test notes are acceptable; describe them'],
    ['Answering "will be tested" at beta'],
  ],
  [
    RO,
    'Is the rollout accompanied by any deprecations and/or removals of features, APIs, fields of API types, flags, etc.?',
    'Surfaces anything the rollout deprecates or removes.',
    ['The deprecated or removed items, or a plain "no"'],
    ['Deprecations mentioned elsewhere but not here'],
  ],
  [
    MO,
    'How can an operator determine if the feature is in use by workloads?',
    'Lets operators find out whether anything relies on the feature.',
    ['A metric, API field or other observable signal of use'],
    ['"Check the feature gate", which shows enablement, not use'],
  ],
  [
    MO,
    'How can someone using this feature know that it is working for their instance?',
    'Lets users confirm the feature works for their own objects.',
    ['Events, conditions or status fields a user can inspect'],
    ['Only operator-level metrics offered to users'],
  ],
  [
    MO,
    'What are the reasonable SLOs (Service Level Objectives) for the enhancement?',
    "Sets measurable targets for the feature's health.",
    ['Concrete targets, e.g. a latency percentile or error rate'],
    ['Vague goals with no numbers'],
  ],
  [
    MO,
    'What are the SLIs (Service Level Indicators) an operator can use to determine the health of the service?',
    'Names the measurements behind the SLOs.',
    ['Metric names, aggregation and the components exposing them'],
    ['Metrics that are not wired up', 'Events given instead of metrics'],
  ],
  [
    MO,
    'Are there any missing metrics that would be useful to have to improve observability of this feature?',
    'Records observability gaps and plans to close them.',
    ['Metrics to add, or why existing ones are enough'],
    ['Gaps that block the SLIs above left unplanned'],
  ],
  [
    DE,
    'Does this feature depend on any specific services running in the cluster?',
    'Identifies runtime dependencies and the effect of their failure.',
    ['Each dependency with usage and outage/degradation impact', 'A plain "no" when there are none'],
    ['Node-level dependencies (runtime, CNI, CSI) overlooked'],
  ],
  [
    SC,
    'Will enabling / using this feature result in any new API calls?',
    'Quantifies additional load on the API server.',
    ['Call type, resource, originating component and rough rate'],
    ['Per-object or polling calls without rate estimates'],
  ],
  [
    SC,
    'Will enabling / using this feature result in introducing new API types?',
    'Lists new API kinds and how many objects to expect.',
    ['The new types and expected object counts per cluster or namespace'],
    ['Unbounded numbers of new objects'],
  ],
  [
    SC,
    'Will enabling / using this feature result in any new calls to the cloud provider?',
    'Flags extra cloud provider traffic that could hit quotas.',
    ['Which calls, how often, and from which component'],
    ['Calls that scale with node or pod count'],
  ],
  [
    SC,
    'Will enabling / using this feature result in increasing size or count of the existing API objects?',
    'Estimates growth of existing objects stored in etcd.',
    ['Affected types with estimated added bytes or count'],
    ['Growth of frequently updated objects such as Pods or Nodes'],
  ],
  [
    SC,
    'Will enabling / using this feature result in increasing time taken by any operations covered by existing SLIs/SLOs?',
    'Checks the feature does not slow operations with existing SLOs.',
    ['Affected operations and the expected added latency'],
    ['Extra work on hot paths like pod startup'],
  ],
  [
    SC,
    'Will enabling / using this feature result in non-negligible increase of resource usage (CPU, RAM, disk, IO, ...) in any components?',
    'Estimates CPU, memory, disk and IO cost in components.',
    ['Components affected with rough numbers or reasoning'],
    ['Caches or watches whose memory grows with cluster size'],
  ],
  [
    SC,
    'Can enabling / using this feature result in resource exhaustion of some node resources (PIDs, sockets, inodes, etc.)?',
    'Considers node-level exhaustion such as PIDs, sockets or inodes.',
    ['Which node resources are used and how that is bounded'],
    ['No limits on per-pod resource use'],
  ],
  [
    TR,
    'How does this feature react if the API server and/or etcd is unavailable?',
    'Describes behaviour while the control plane is down.',
    ['What keeps working, what stops and how it recovers'],
    ['Assuming the API server is always reachable'],
  ],
  [
    TR,
    'What are other known failure modes?',
    'Catalogues failure modes with how to handle them.',
    ['For each: detection, mitigation, diagnostics and testing'],
    ['Failure modes without detection or log/metric pointers'],
  ],
  [
    TR,
    'What steps should be taken if SLOs are not being met to determine the problem?',
    'Gives on-call staff a path to find the cause of SLO misses.',
    ['Concrete diagnostic steps: metrics, logs, debug endpoints to check'],
    ['"Look at the logs" with no specifics'],
  ],
];

const OTHER_SECTIONS: Entry[] = [
  [
    'Release Signoff Checklist',
    'Tracks the items release leads check before the KEP is targeted at a release.',
    ['Boxes ticked only when the item is actually done', 'Links for the enhancement issue and documentation'],
  ],
  ['Summary', 'Gives a short overview of the change that someone outside the SIG can follow.', ['One or two paragraphs on what changes and for whom']],
  ['Motivation', 'Explains why the change is needed and who benefits.', ['The problem today, who has it, and links to issues or discussions']],
  ['Goals', 'States what the KEP sets out to achieve, so success can be judged.', ['A short list of concrete, checkable goals']],
  ['Non-Goals', 'Marks what is out of scope, to focus review.', ['Related things the KEP deliberately does not do']],
  [
    'Proposal',
    'Describes what is being proposed, at a level reviewers can agree on.',
    ['The user-visible change and main mechanism, without implementation detail'],
  ],
  ['User Stories (Optional)', 'Illustrates the proposal with concrete scenarios.', ['Short stories naming a user, a goal and how the feature helps']],
  [
    'Notes/Constraints/Caveats (Optional)',
    'Records subtleties and constraints that do not fit elsewhere.',
    ['Edge cases, limitations and important implementation notes'],
  ],
  [
    'Risks and Mitigations',
    'Identifies what could go wrong, including security and UX, and how that is handled.',
    ['Each risk with its mitigation', 'Security review considerations'],
  ],
  ['Design Details', 'Gives enough technical detail for reviewers to evaluate the design.', ['API changes, algorithms and component interactions']],
  ['Test Plan', 'Explains how the change will be tested before and after graduation.', ['Which unit, integration and e2e tests exist or will be added']],
  ['Prerequisite testing updates', 'Notes test improvements needed before this work can be tested well.', ['Existing tests to fix or extend first, or "none"']],
  ['Unit tests', 'Lists the packages touched and their current unit test coverage.', ['Package path, date and coverage for each affected package']],
  ['Integration tests', 'Lists integration tests that exercise the feature.', ['Links to tests and their testgrid or triage results']],
  ['e2e tests', 'Lists end-to-end tests that exercise the feature.', ['Links to e2e tests and their testgrid or triage results']],
  [
    'Graduation Criteria',
    'Defines what must be true to move between alpha, beta and stable.',
    ['Per-stage criteria that are measurable', 'Deprecation plan if applicable'],
  ],
  [
    'Upgrade / Downgrade Strategy',
    'Explains what cluster operators must do when upgrading or downgrading.',
    ['Required configuration changes, or that none are needed'],
  ],
  ['Version Skew Strategy', 'Explains behaviour when components run different versions.', ['Which components interact and how skew is handled']],
  ['Implementation History', "Records the KEP's milestones over time.", ['Dated entries: KEP merged, implementable, releases per stage']],
  ['Drawbacks', 'Gives the case against doing this.', ['Honest costs: complexity, maintenance, user confusion']],
  ['Alternatives', 'Shows other approaches were considered.', ['Alternatives with why they were not chosen']],
  ['Infrastructure Needed (Optional)', 'Requests project infrastructure the work needs.', ['New repos, CI jobs or other resources, with owners']],
];

function build(): Map<string, SectionHelp> {
  const map = new Map<string, SectionHelp>();
  for (const [title, purpose, goodAnswer, pushback] of PRR_SECTIONS) map.set(sectionKey(title), { kind: 'prr-section', purpose, goodAnswer, pushback });
  for (const [section, title, purpose, goodAnswer, pushback] of PRR_QUESTIONS)
    map.set(sectionKey(title), { kind: 'prr-question', prrSection: sectionKey(section), purpose, goodAnswer, pushback });
  for (const [title, purpose, goodAnswer, pushback] of OTHER_SECTIONS) map.set(sectionKey(title), { kind: 'section', purpose, goodAnswer, pushback });
  return map;
}

export const SECTION_HELP: ReadonlyMap<string, SectionHelp> = build();

export function sectionHelp(key: string): SectionHelp | undefined {
  return SECTION_HELP.get(key);
}

/** Help for the template's labelled bullets (kep-facts §1.2), keyed by the label as written. */
export const LABEL_HELP: Readonly<Record<string, string>> = {
  'Feature gate name:': 'The exact feature gate name in Kubernetes code; it must also appear under feature-gates in kep.yaml.',
  'Components depending on the feature gate:':
    'Every binary that must have the gate set (e.g. kube-apiserver, kubelet), so operators enable it everywhere needed.',
  'Describe the mechanism:': 'For features not behind a gate: how they are turned on and off (flag, config field, API field).',
  'Event Reason:': 'The reason string of an event users can see on their objects when the feature acts.',
  'Condition name:': 'A status condition users can inspect to see that the feature works for their object.',
  'Metric name:': 'An existing or planned metric operators can use as an SLI; list it under metrics in kep.yaml.',
  'Components exposing the metric:': 'Which binaries export the metric, so operators know where to scrape it.',
  'Details:': 'Any other signal, used only when events, conditions or metrics cannot work; explain how to check it.',
};
