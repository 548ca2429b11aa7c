/** The service's notion of "now"; tests replace it to move time without sleeping. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

// Indonesian law counts calendar days; the founders are in WIB (UTC+7, no daylight saving).
/** Jakarta is UTC+7 all year (WIB, no daylight saving). */
export const JAKARTA_OFFSET_MS = 7 * 3_600_000;

/** The calendar day (YYYY-MM-DD) it is in Jakarta at `at`. */
export const jakartaDate = (at: Date): string => new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
