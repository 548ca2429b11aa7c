import { useState } from 'react';

// Drafts live in sessionStorage (this tab only, gone when it closes): typed form contents, never a token.
const PREFIX = 'kolabora.draft:';

/**
 * A form's state that outlives the page: kept per route and form name, so a failed save, a lost connection or an
 * expired session (login, then back here) finds what was typed. `clear` after a successful save (optionally emptying the form).
 */
export function useDraft<T extends object>(name: string, initial: T): [T, (next: T) => void, (reset?: T) => void] {
  const key = `${PREFIX}${window.location.pathname}#${name}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = sessionStorage.getItem(key);
      return stored ? { ...initial, ...(JSON.parse(stored) as Partial<T>) } : initial;
    } catch {
      return initial; // storage disabled or a damaged entry: start from the saved values
    }
  });
  const set = (next: T): void => {
    setValue(next);
    try {
      sessionStorage.setItem(key, JSON.stringify(next));
    } catch {
      // a full or disabled storage only loses the safety copy, not the form
    }
  };
  const clear = (reset?: T): void => {
    sessionStorage.removeItem(key);
    if (reset) setValue(reset); // an emptied form is not a draft worth keeping
  };
  return [value, set, clear];
}

/** Forgets every draft: on an explicit logout, so the next person at a shared computer does not see them. */
export function clearDrafts(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
}

/** Whether a form at `path` has typed contents waiting (the login page says they will be back). */
export const hasDraftAt = (path: string): boolean =>
  Object.keys(sessionStorage).some((key) => key.startsWith(`${PREFIX}${path.split('?')[0]}#`));
