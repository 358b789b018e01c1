// The analysis entry shared by the language server and kep-lint: decide whether a Markdown file is
// a KEP, find its template and kep.yaml through the workspace interface, run the rules and apply
// the user's severities. No IO of its own and no protocol types.
import { FINISHED_STATUSES, readKepMetadata, type KepMetadata } from '../model/kepMetadata';
import { readKepYaml, type KepYaml } from '../model/kepYaml';
import { isKepDocument, locateKep } from '../model/kepLocation';
import { MarkdownIndex } from '../model/markdownIndex';
import { bundledTemplate, templateFromText, type TemplateModel } from '../model/template';
import type { WorkspaceFiles } from '../model/workspace';
import { createContext, type KepContext } from '../rules/context';
import { RULES } from '../rules';
import type { Finding, Rule, RuleFinding, Severity, SeveritySetting } from '../rules/rule';

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

export function effectiveSeverity(rule: Rule, finding: RuleFinding, settings: AnalysisSettings, metadata: KepMetadata | undefined): Severity | undefined {
  const configured = settings.rules[rule.id];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  const severity = finding.severity ?? rule.defaultSeverity;
  const finished = metadata?.status !== undefined && FINISHED_STATUSES.has(metadata.status);
  return rule.structural && finished && SEVERITY_RANK[severity] < SEVERITY_RANK.info ? 'info' : severity;
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

  /** Findings for a KEP README, or none when the file is not a KEP. */
  analyze(path: string, index: MarkdownIndex, settings: AnalysisSettings = DEFAULT_SETTINGS): Finding[] {
    if (!this.isKep(path, index)) return [];
    return runRules(this.context(path, index, settings), settings);
  }

  private kepYamlEntry(path: string): { text: string; metadata: KepMetadata; kepYaml?: KepYaml } | undefined {
    const yamlPath = locateKep(path, this.files).kepYamlPath;
    const text = this.files.readText(yamlPath);
    if (text === undefined) return undefined;
    const cached = this.metadataCache.get(yamlPath);
    if (cached && cached.text === text) return cached;
    const entry = { text, metadata: readKepMetadata(text) };
    this.metadataCache.set(yamlPath, entry);
    return entry;
  }

  private loadTemplate(path: string, source: 'workspace' | 'setting'): TemplateModel | undefined {
    const text = this.files.readText(path);
    if (text === undefined) return undefined;
    const cached = this.templates.get(path);
    if (cached && cached.text === text) return cached.model;
    const model = templateFromText(text, source, path);
    this.templates.set(path, { text, model });
    return model;
  }
}

export function runRules(ctx: KepContext, settings: AnalysisSettings): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (settings.rules[rule.id] === 'off') continue;
    for (const finding of rule.check(ctx)) {
      const severity = effectiveSeverity(rule, finding, settings, ctx.metadata);
      if (severity) findings.push({ ...finding, rule: rule.id, severity });
    }
  }
  return findings;
}
