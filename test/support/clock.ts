import { Clock } from '../../src/common/clock.js';

/** A clock the test moves: timers fall due without waiting. */
export class TestClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const DAY = 86_400_000;
