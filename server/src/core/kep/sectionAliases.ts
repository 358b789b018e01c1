// Other wordings under which KEPs write template sections: older templates' ("Drawbacks
// [optional]") and common renamings ("Production Readiness Questionnaire"). A heading in one of them
// stands for its template section (nothing is reported missing), and heading-wording offers to
// rename it, since tools that compare a KEP with the template compare the words.
import { sectionKey } from '../markdown/sectionKey';

/** Per template title, the other wordings that mean it. */
export const SECTION_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'Production Readiness Review Questionnaire': ['Production Readiness Questionnaire', 'PRR Questionnaire'],
  'e2e tests': ['End-to-End tests', 'End to end tests'],
  Summary: ['Abstract'],
  Alternatives: ['Alternatives Considered'],
};

/**
 * A heading whose words are the start of a template question's words stands for that question
 * when no other template section starts with them: PRR questions are often written shortened
 * ("Can the feature be disabled once it has been enabled?"). Shorter headings are too common as
 * KEPs' own sub-sections to be taken for a template section.
 */
export const MIN_SHORTENED_KEY = 24;

/** The optional mark of templates before 2021. */
const OLD_OPTIONAL_MARK = /\[\s*optional\s*\]/gi;

const KEY_BY_ALIAS = new Map<string, string>();
for (const [title, aliases] of Object.entries(SECTION_ALIASES)) for (const alias of aliases) KEY_BY_ALIAS.set(sectionKey(alias), sectionKey(title));

/** The key of the template section that `heading` (raw heading text) names in another wording, if any. */
export function aliasKey(heading: string): string | undefined {
  const bare = heading.replace(OLD_OPTIONAL_MARK, '');
  const key = sectionKey(bare);
  return KEY_BY_ALIAS.get(key) ?? (bare !== heading ? key : undefined);
}
