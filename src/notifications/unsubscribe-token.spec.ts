import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe-token.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('unsubscribe tokens', () => {
  it('name the user and the scope they were made for', () => {
    const userId = randomUUID();
    for (const scope of ['reminders', 'lifecycle', 'all'] as const) {
      expect(readUnsubscribeToken(SECRET, unsubscribeToken(SECRET, userId, scope))).toEqual({ userId, scope });
    }
  });

  it('refuse a token changed in any character, made with another secret, or malformed', () => {
    const token = unsubscribeToken(SECRET, randomUUID(), 'reminders');
    for (let i = 0; i < token.length; i += 1) {
      const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(readUnsubscribeToken(SECRET, changed)).toBeNull();
    }
    expect(readUnsubscribeToken(`${SECRET}!`, token)).toBeNull();
    expect(readUnsubscribeToken(SECRET, token.slice(1))).toBeNull();
    expect(readUnsubscribeToken(SECRET, 'not a token')).toBeNull();
  });
});
