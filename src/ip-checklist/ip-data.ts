import { readFileSync } from 'node:fs';
import { TEMPLATES_DIR } from '../common/paths.js';
import type { ChecklistData } from './checklist.js';
import type { DeadlineRule } from './deadlines.js';

const json = <T>(path: string): T => JSON.parse(readFileSync(`${TEMPLATES_DIR}/${path}`, 'utf8')) as T;

/** The IP data a non-programmer edits (checklist items, fees, deadline rules), read once when the service starts. */
export const IP_DATA: ChecklistData = {
  ...json<Pick<ChecklistData, 'items'>>('checklists/items.json'),
  ...json<Pick<ChecklistData, 'fees' | 'tables'>>('ip/fees.json'),
  deadlineRules: json<{ rules: DeadlineRule[] }>('ip/deadline-rules.json').rules,
};
