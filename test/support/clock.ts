import { Clock } from '../../src/common/clock.js';

/** A clock the test moves: timers fall due without waiting. */
export class TestClock extends Clock {
  private offsetMs: number;

  /** Starts now, or at `start` (ISO) for tests whose dates must not drift with the real calendar. */
  constructor(start?: string) {
    super();
    this.offsetMs = start ? Date.parse(start) - Date.now() : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const DAY = 86_400_000;
