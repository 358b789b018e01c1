// Small in-memory KEP workspaces for rule tests: a short template with guidance comments, and a
// KEP that satisfies it, which each test breaks in one way.
import { InMemoryWorkspace } from '../../../server/src/core/workspace/files';
import { MarkdownIndex } from '../../../server/src/core/markdown/markdownIndex';
import { KepAnalyzer, type AnalysisSettings } from '../../../server/src/core/features/analysis';
import type { Finding } from '../../../server/src/core/rules/rule';

export const ROOT = '/ws';
export const README = `${ROOT}/keps/sig-test/1234-demo/README.md`;
export const KEP_YAML = `${ROOT}/keps/sig-test/1234-demo/kep.yaml`;
export const TEMPLATE = `${ROOT}/keps/NNNN-kep-template/README.md`;

export const TEMPLATE_TEXT = `<!--
Start here. Remove every comment block once your KEP is complete.
-->
# KEP-NNNN: Your short, descriptive title

<!-- toc -->
<!-- /toc -->

## Summary

<!--
Write a one-paragraph summary of the proposal.
-->

## Motivation

### Goals

### Non-Goals

## Proposal

### User Stories (Optional)

### Risks and Mitigations

## Design Details

## Drawbacks
`;

export const GOOD_TOC = `- [Summary](#summary)
- [Motivation](#motivation)
  - [Goals](#goals)
  - [Non-Goals](#non-goals)
- [Proposal](#proposal)
  - [Risks and Mitigations](#risks-and-mitigations)
- [Design Details](#design-details)
- [Drawbacks](#drawbacks)`;

export const GOOD_KEP = `# KEP-1234: Demo feature

<!-- toc -->
${GOOD_TOC}
<!-- /toc -->

## Summary

A summary.

## Motivation

Why.

### Goals

Goals.

### Non-Goals

Non-goals.

## Proposal

The proposal.

### Risks and Mitigations

Risks.

## Design Details

Details.

## Drawbacks

None.
`;

export const PROVISIONAL_YAML = `title: Demo feature
kep-number: "1234"
authors:
  - "@alice"
owning-sig: sig-test
status: provisional
creation-date: 2026-01-15
reviewers:
  - "@bob"
approvers:
  - "@carol"
`;

export interface FixtureOptions {
  kepYaml?: string | null;
  template?: string | null;
  settings?: AnalysisSettings;
  path?: string;
}

export function workspace(readme: string, options: FixtureOptions = {}): InMemoryWorkspace {
  const ws = new InMemoryWorkspace();
  ws.set(options.path ?? README, readme);
  if (options.kepYaml !== null) ws.set(KEP_YAML, options.kepYaml ?? PROVISIONAL_YAML);
  if (options.template !== null) ws.set(TEMPLATE, options.template ?? TEMPLATE_TEXT);
  return ws;
}

export function lint(readme: string, options: FixtureOptions = {}): readonly Finding[] {
  const ws = workspace(readme, options);
  return new KepAnalyzer(ws).analyze(options.path ?? README, MarkdownIndex.fromText(readme), options.settings);
}

export function byRule(findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}
