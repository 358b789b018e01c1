// creation-date and last-updated are calendar dates written yyyy-mm-dd (upstream does not check
// them; `kepctl create` once wrote a release into last-updated).
import type { TextField } from '../../kep/kepYaml';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';
import { oneLine } from './util';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `yyyy-mm-dd` names a real day of the Gregorian calendar. */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

function check(field: TextField | undefined): RuleFinding | undefined {
  const value = field?.text?.trim();
  if (!field || !value) return undefined;
  if (isCalendarDate(value)) return undefined;
  const message = DATE.test(value)
    ? `${field.key} '${value}' is not a real date: check the month and the day.`
    : `${field.key} '${oneLine(value)}' is not a date written yyyy-mm-dd (for example 2025-01-31).`;
  return { range: field.valueRange, message };
}

export const dateFormat: MetadataRule = {
  id: 'date-format',
  defaultSeverity: 'warning',
  quietWhenFinished: false,
  description: 'creation-date or last-updated is not a real date written yyyy-mm-dd.',
  checkKepYaml(ctx) {
    if (ctx.folder.isTemplate) return [];
    return [check(ctx.kep.creationDate), check(ctx.kep.lastUpdated)].filter((f): f is RuleFinding => f !== undefined);
  },
};
