// The kep.yaml fields the KEP's stage requires (kep-facts §2): from alpha, `feature-gates` (or, for
// a feature without a gate, the README's "Other" mechanism ticked) and `disable-supported`; from
// beta, `metrics`. Reported on the `stage:` value, naming the stage. The same exemptions as the
// README's stage rule apply (stageRequirements.ts): no findings for a KEP that predates the
// questionnaire (latest-milestone "0.0", before v1.21, or none) or without an alpha/beta/stable
// stage; information only for finished KEPs (quietWhenFinished). A fix is offered where the README says what to write
// (disable-supported from its Yes/No answer, metrics from its "Metric name:" bullets).
import { textOf, type KepYaml } from '../../kep/kepYaml';
import type { Range } from '../../text/positions';
import { dirname, joinPath } from '../../workspace/files';
import { DISABLE_QUESTION_KEY, ENABLEMENT_QUESTION_KEY, FEATURE_ENABLEMENT_KEY, QUESTIONNAIRE_KEY } from '../../kep/prrFacts';
import { answerState, answerText, enablementChoice, labelledBullets, leadingYesNo, outlineBody, readmeOutline, type ReadmeOutline } from '../../kep/readmeText';
import type { Fix, RuleFinding } from '../rule';
import { atLeast, FIELD_STAGES, metricsMissing, stageFacts } from '../../kep/stageRequirements';
import type { KepYamlContext, MetadataRule } from './metadataRule';

const README_NAMES = ['README.md', 'README.MD', 'readme.md'];

function readme(ctx: KepYamlContext): ReadmeOutline | undefined {
  for (const name of README_NAMES) {
    const path = joinPath(dirname(ctx.path), name);
    const text = ctx.files.exists(path) ? ctx.files.readText(path) : undefined;
    if (text !== undefined) return readmeOutline(text);
  }
  return undefined;
}

/** Lines of the README where the questionnaire is, or the whole README when it has none. */
function prrLines(outline: ReadmeOutline): [number, number] {
  const i = outline.headings.findIndex((h) => h.key === QUESTIONNAIRE_KEY);
  if (i < 0) return [0, outline.lines.length];
  const level = outline.headings[i].level;
  const end = outline.headings.slice(i + 1).find((h) => h.level <= level);
  return [outline.headings[i].line + 1, end ? end.line : outline.lines.length];
}

/**
 * Where the README says how the feature is enabled: the question's body, else (the older template
 * asked it as a bullet) the Feature Enablement and Rollback section.
 */
function enablementScope(outline: ReadmeOutline): [number, number] | undefined {
  const question = outlineBody(outline, ENABLEMENT_QUESTION_KEY);
  if (question) return question;
  const i = outline.headings.findIndex((h) => h.key === FEATURE_ENABLEMENT_KEY);
  if (i < 0) return undefined;
  const level = outline.headings[i].level;
  const end = outline.headings.slice(i + 1).find((h) => h.level <= level);
  return [outline.headings[i].line + 1, end ? end.line : outline.lines.length];
}

/**
 * Whether the README enables the feature by something other than a gate: "Other" ticked, or an
 * answer in its own words ("n/a", "the --config flag") that neither ticks "Feature gate" nor names
 * a gate.
 */
function otherMechanism(outline: ReadmeOutline, from: number, to: number, namesGates: boolean): boolean {
  const choice = enablementChoice(outline.lines, from, to);
  if (choice.other) return true;
  if (choice.featureGate || namesGates) return false;
  return answerState(answerText(outline.lines, from, to)) === 'answered';
}

/** Adds `block` (whole lines) at the end of the kep.yaml. */
function append(kep: KepYaml, title: string, block: string): Fix {
  const text = kep.document.text;
  const end = kep.document.positionAt(text.length);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = text.length && !/[\r\n]$/.test(text) ? eol : '';
  return { title, changes: [{ range: { start: end, end }, newText: lead + block.replace(/\n/g, eol) }] };
}

/** Writes a value where a key stands with nothing after it (`disable-supported:`). */
function fillIn(valueRange: Range, title: string, value: string): Fix {
  return { title, changes: [{ range: valueRange, newText: ` ${value}` }] };
}

function check(ctx: KepYamlContext): RuleFinding[] {
  const { kep } = ctx;
  const facts = stageFacts(kep);
  if (!facts || !kep.stage) return [];
  const range = kep.stage.valueRange;
  const outline = readme(ctx);
  const [from, to] = outline ? prrLines(outline) : [0, 0];
  const findings: RuleFinding[] = [];
  const lead = (field: keyof typeof FIELD_STAGES): string => `Required from ${FIELD_STAGES[field]} (this KEP is ${facts.stage})`;

  const gates = (kep.featureGates?.gates ?? []).filter((g) => textOf(g.name));
  if (atLeast(facts.stage, FIELD_STAGES.featureGates) && !gates.length) {
    const scope = outline && enablementScope(outline);
    const named = outline ? [...new Set(labelledBullets(outline.lines, from, to).gate.flatMap((b) => b.names.map((n) => n.name)))] : [];
    if (!outline || !scope || !otherMechanism(outline, scope[0], scope[1], named.length > 0)) {
      const hint = named.length ? ` The README names ${named.map((n) => `'${n}'`).join(', ')}.` : '';
      findings.push({
        range,
        message: `${lead('featureGates')}: feature-gates is empty. List the feature gate(s) with the components that use them, or, for a feature without a gate, tick 'Other' under 'How can this feature be enabled / disabled in a live cluster?' in README.md and describe the mechanism.${hint}`,
      });
    }
  }

  const disable = kep.disableSupported;
  if (atLeast(facts.stage, FIELD_STAGES.disableSupported) && !disable?.text?.trim()) {
    const question = outline ? outlineBody(outline, DISABLE_QUESTION_KEY) : undefined;
    const answer = outline && question ? leadingYesNo(answerText(outline.lines, question[0], question[1])) : undefined;
    const value = answer === 'yes' ? 'true' : answer === 'no' ? 'false' : undefined;
    const finding: RuleFinding = {
      range,
      message: `${lead('disableSupported')}: disable-supported is not set. Set it to true or false${value ? `: the README answers '${answer === 'yes' ? 'Yes' : 'No'}' to` : ', answering'} 'Can the feature be disabled once it has been enabled?'.`,
    };
    if (value && !disable) finding.fix = append(kep, `Add disable-supported: ${value}`, `disable-supported: ${value}\n`);
    else if (value && disable?.scalar?.isNull) finding.fix = fillIn(disable.valueRange, `Set disable-supported: ${value}`, value);
    findings.push(finding);
  }

  if (atLeast(facts.stage, FIELD_STAGES.metrics) && metricsMissing(kep)) {
    const named = outline ? [...new Set(labelledBullets(outline.lines, from, to).metric.flatMap((b) => b.names.map((n) => n.name)))] : [];
    const hint = named.length ? ` The README names ${named.slice(0, 5).join(', ')}${named.length > 5 ? ` and ${named.length - 5} more` : ''}.` : '';
    const finding: RuleFinding = {
      range,
      message: `${lead('metrics')}: metrics is empty. List the metrics operators can watch to see that the feature works (the README's 'Metric name:' bullets).${hint}`,
    };
    if (named.length && !kep.metrics) finding.fix = append(kep, "Add the README's metrics", `metrics:\n${named.map((n) => `  - ${n}\n`).join('')}`);
    findings.push(finding);
  }
  return findings;
}

export const stageRequiredFields: MetadataRule = {
  id: 'stage-required-fields',
  defaultSeverity: 'warning',
  quietWhenFinished: true,
  description:
    'A kep.yaml field the stage requires is missing: feature-gates (or the README\'s "Other" mechanism) and disable-supported from alpha, metrics from beta.',
  checkKepYaml: check,
};
