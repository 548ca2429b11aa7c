import type { Bilingual } from '../documents/bilingual.js';
import { readTemplate as json } from '../documents/templates.js';
import type { ChecklistData } from './checklist.js';
import type { DeadlineRule } from './deadlines.js';

/** The IP data a non-programmer edits (checklist items, fees, deadline rules), read once when the service starts. */
export const IP_DATA: ChecklistData = {
  ...json<Pick<ChecklistData, 'items'>>('checklists/items.json'),
  ...json<Pick<ChecklistData, 'fees' | 'tables'>>('ip/fees.json'),
  deadlineRules: json<{ rules: DeadlineRule[] }>('ip/deadline-rules.json').rules,
};

type Words<K extends string> = Record<K, Bilingual>;
/** The words of the checklist PDF, its calendar and the reminders (templates/checklists/words.json). */
export interface ChecklistWords extends Words<'title' | 'toBeConfirmed' | 'blocksLaunch' | 'effective' | 'past' | 'fees'> {
  status: Record<string, Bilingual>;
  categories: Record<string, Bilingual>;
  launch: Words<'heading' | 'clear' | 'blocked' | 'marks'>;
  items: Words<'item' | 'status' | 'due' | 'fee' | 'legalBasis'>;
  deadlines: Words<'heading' | 'mark' | 'deadline' | 'due' | 'legalBasis'>;
  reminder: Words<'subject' | 'subjectOverdue' | 'body' | 'bodyOverdue'>;
}
export const CHECKLIST_WORDS = json<ChecklistWords>('checklists/words.json');
