// The analysis entry shared by the language server and kep-lint: decide whether a Markdown file is
// a KEP, find its template and kep.yaml through the workspace interface, run the rules and apply
// the user's severities. No IO of its own and no protocol types.
import { FINISHED_STATUSES, readKepMetadata, type KepMetadata } from '../kep/kepMetadata';
import { readKepYaml, type KepYaml } from '../kep/kepYaml';
import { isKepDocument, locateKep } from '../kep/kepLocation';
import { MAX_METADATA_CHARS, MAX_README_CHARS, readmeTallyProblem, type InputProblem } from '../text/limits';
import { MarkdownIndex } from '../markdown/markdownIndex';
import { bundledTemplate, templateFromText, type TemplateModel } from '../kep/template';
import { basename, type WorkspaceFiles } from '../workspace/files';
import { createContext, type KepContext } from '../kep/kepContext';
import { RULES } from '../rules';
import { FILE_START, INPUT_LIMIT_ID, inputLimit, inputProblemMessage, type CheckedFileKind } from '../rules/inputLimit';
import type { Finding, Rule, RuleFinding, Severity, SeveritySetting, SeverityPolicy } from '../rules/rule';
import { stabilized } from './stableFindings';

export interface AnalysisSettings {
  /** Per rule id: 'off' or a severity that replaces the rule's default. */
  rules: Record<string, SeveritySetting>;
  /** What an inserted section holds: nothing (default) or the template's guidance comments. */
  insertSectionContent?: 'empty' | 'templateComment';
  /** Absolute path of a template README to use instead of the workspace's. */
  templatePath?: string;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { rules: {} };

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * A finding's severity: the user's setting for the rule, else the finding's or the rule's own,
 * toned down to information for a finished KEP when the rule says so (quietWhenFinished).
 * `status` is kep.yaml's status. Shared by the README and the metadata analyses.
 */
export function effectiveSeverity(rule: SeverityPolicy, finding: RuleFinding, settings: AnalysisSettings, status: string | undefined): Severity | undefined {
  const configured = settings.rules[rule.id];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  const severity = finding.severity ?? rule.defaultSeverity;
  const finished = status !== undefined && FINISHED_STATUSES.has(status);
  return rule.quietWhenFinished && finished && SEVERITY_RANK[severity] < SEVERITY_RANK.info ? 'info' : severity;
}

/** Enough of a README's start to find its first heading without indexing all of it. */
const HEAD_CHARS = 64 * 1024;

/**
 * The one finding for a file skipped as a whole (too large, not text), as a list: empty when the user
 * turned the input-limit rule off. The file's other checks are skipped either way.
 */
export function inputProblemFindings(path: string, kind: CheckedFileKind, problem: InputProblem, settings: AnalysisSettings): Finding[] {
  const configured = settings.rules[INPUT_LIMIT_ID];
  if (configured === 'off') return [];
  const severity = configured ?? inputLimit.defaultSeverity;
  return [{ range: FILE_START, message: inputProblemMessage(basename(path), kind, problem), rule: INPUT_LIMIT_ID, severity }];
}

/** Why an indexed README cannot be analysed fully (size, not text, list items), or undefined when it can. */
export function readmeInputProblem(index: MarkdownIndex): InputProblem | undefined {
  return readmeTallyProblem(index.inputTally(), index.lines(), index.headings().length);
}

export class KepAnalyzer {
  private readonly templates = new Map<string, { text: string; model: TemplateModel }>();
  /** Per kep.yaml path: its last text and what was read from it (a README edit never re-parses it). */
  private readonly metadataCache = new Map<string, { text: string; metadata: KepMetadata; kepYaml?: KepYaml }>();

  constructor(private readonly files: WorkspaceFiles) {}

  isKep(path: string, index: MarkdownIndex): boolean {
    const first = index.headings()[0];
    return isKepDocument(path, first?.text, this.files);
  }

  /** Whether a README too large to index is a KEP: its location, or the first heading of its start. */
  isKepText(path: string, text: string): boolean {
    return this.isKep(path, MarkdownIndex.fromText(text.slice(0, HEAD_CHARS)));
  }

  /**
   * Findings for a KEP README's text, or undefined when the file is not a KEP. A README that is too
   * large or not text gets the one input-limit finding instead of the rules' findings.
   */
  analyzeText(path: string, text: string, settings: AnalysisSettings = DEFAULT_SETTINGS): readonly Finding[] | undefined {
    if (text.length > MAX_README_CHARS) {
      if (!this.isKepText(path, text)) return undefined;
      return inputProblemFindings(path, 'readme', { kind: 'too-large', size: text.length, limit: MAX_README_CHARS, unit: 'characters' }, settings);
    }
    return this.analyzeIndex(path, MarkdownIndex.fromText(text), settings);
  }

  /** As analyzeText, for a README already indexed (an analysis run again reuses the index and its caches). */
  analyzeIndex(path: string, index: MarkdownIndex, settings: AnalysisSettings = DEFAULT_SETTINGS): readonly Finding[] | undefined {
    if (!this.isKep(path, index)) return undefined;
    const problem = readmeInputProblem(index);
    if (problem) return inputProblemFindings(path, 'readme', problem, settings);
    return runRules(this.context(path, index, settings), settings);
  }

  /** The template that applies to a KEP: the setting, else the workspace's, else the bundled one. */
  templateFor(path: string, settings: AnalysisSettings): TemplateModel {
    if (settings.templatePath) {
      const model = this.loadTemplate(settings.templatePath, 'setting');
      if (model) return model;
    }
    const location = locateKep(path, this.files);
    if (location.workspaceTemplatePath) {
      const model = this.loadTemplate(location.workspaceTemplatePath, 'workspace');
      if (model) return model;
    }
    return bundledTemplate();
  }

  metadataFor(path: string): KepMetadata | undefined {
    return this.kepYamlEntry(path)?.metadata;
  }

  /** The sibling kep.yaml, fully parsed (cached by its text), or undefined when there is none. */
  kepYamlFor(path: string): KepYaml | undefined {
    const entry = this.kepYamlEntry(path);
    if (!entry) return undefined;
    entry.kepYaml ??= readKepYaml(entry.text);
    return entry.kepYaml;
  }

  context(path: string, index: MarkdownIndex, settings: AnalysisSettings = DEFAULT_SETTINGS): KepContext {
    const entry = this.kepYamlEntry(path);
    if (entry) entry.kepYaml ??= readKepYaml(entry.text);
    return createContext(index, this.templateFor(path, settings), entry?.metadata, entry?.kepYaml, settings.insertSectionContent === 'templateComment');
  }

  /**
   * Reads every other file an analysis of the README at `path` reads (its kep.yaml, the template),
   * and nothing more: an entry settles this first (settle's `prepare`), so that the analysis itself
   * runs once, with its files at hand.
   */
  prepare(path: string, settings: AnalysisSettings = DEFAULT_SETTINGS): void {
    this.kepYamlEntry(path);
    this.templateFor(path, settings);
  }

  /** Findings for a KEP README, or none when the file is not a KEP. */
  analyze(path: string, index: MarkdownIndex, settings: AnalysisSettings = DEFAULT_SETTINGS): readonly Finding[] {
    if (!this.isKep(path, index)) return [];
    return runRules(this.context(path, index, settings), settings);
  }

  private kepYamlEntry(path: string): { text: string; metadata: KepMetadata; kepYaml?: KepYaml } | undefined {
    const yamlPath = locateKep(path, this.files).kepYamlPath;
    const text = this.files.readText(yamlPath);
    // A kep.yaml too large to check is not read for the README either (its own finding says why).
    if (text === undefined || text.length > MAX_METADATA_CHARS) return undefined;
    const cached = this.metadataCache.get(yamlPath);
    if (cached && cached.text === text) return cached;
    const entry = { text, metadata: readKepMetadata(text) };
    this.metadataCache.set(yamlPath, entry);
    return entry;
  }

  private loadTemplate(path: string, source: 'workspace' | 'setting'): TemplateModel | undefined {
    const text = this.files.readText(path);
    // A template too large to be one is not read: the bundled section list applies instead.
    if (text === undefined || text.length > MAX_README_CHARS) return undefined;
    const cached = this.templates.get(path);
    if (cached && cached.text === text) return cached.model;
    const model = templateFromText(text, source, path);
    this.templates.set(path, { text, model });
    return model;
  }
}

/**
 * The finding made of each rule finding, per severity. Rules keep their finding objects while the
 * section they speak of is unchanged, so the same Finding object comes back too, and what is made
 * of it downstream (a diagnostic) can be kept by identity as well. Findings are never mutated.
 */
const madeFindings = new WeakMap<RuleFinding, Finding>();

/** What each rule found at the last analysis of a document, and the findings made of it. */
interface LastRun {
  settings: AnalysisSettings;
  status: string | undefined;
  byRule: Map<string, { checked: readonly RuleFinding[]; made: readonly Finding[] }>;
  findings: Finding[];
}
const lastRuns = new WeakMap<MarkdownIndex, LastRun>();

/**
 * The findings of every rule, with the user's severities. When a rule finds what it found at the
 * last analysis of the document, its findings from then are reused, and when every rule does, the
 * very list of then is returned: downstream, the diagnostics and their JSON are kept by identity.
 */
export function runRules(ctx: KepContext, settings: AnalysisSettings): readonly Finding[] {
  const steps = runRulesStepwise(ctx, settings);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * runRules one rule at a time: the generator pauses after each rule, so that a caller with other
 * work waiting (the language server, on a large README) can do it between two rules.
 */
export function* runRulesStepwise(ctx: KepContext, settings: AnalysisSettings): Generator<void, readonly Finding[]> {
  const status = ctx.metadata?.status;
  let last = lastRuns.get(ctx.index);
  // Severities follow from the settings and the KEP's status (finished KEPs get milder ones).
  if (!last || last.settings !== settings || last.status !== status) {
    last = { settings, status, byRule: new Map(), findings: [] };
    lastRuns.set(ctx.index, last);
  }
  const madeByRule: (readonly Finding[])[] = [];
  let unchanged = true;
  for (const rule of RULES) {
    if (settings.rules[rule.id] === 'off') continue;
    const before = last.byRule.get(rule.id);
    const fresh = rule.check(ctx);
    const checked = before ? stabilized(before.checked, fresh) : fresh;
    let made = before?.made;
    if (checked !== before?.checked) {
      made = madeFrom(rule, checked, settings, ctx.metadata);
      last.byRule.set(rule.id, { checked, made });
      unchanged = false;
    }
    madeByRule.push(made!);
    yield;
  }
  if (unchanged && last.byRule.size === madeByRule.length) return last.findings;
  last.findings = madeByRule.flat();
  return last.findings;
}

function madeFrom(rule: Rule, checked: readonly RuleFinding[], settings: AnalysisSettings, metadata: KepMetadata | undefined): Finding[] {
  const made: Finding[] = [];
  for (const finding of checked) {
    const severity = effectiveSeverity(rule, finding, settings, metadata?.status);
    if (!severity) continue;
    let m = madeFindings.get(finding);
    if (!m || m.severity !== severity || m.rule !== rule.id) {
      m = { ...finding, rule: rule.id, severity };
      madeFindings.set(finding, m);
    }
    made.push(m);
  }
  return made;
}
