import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, type CardAction } from './actions.ts';

describe('card action codec', () => {
  it.each<CardAction>([
    { a: 'approve', o: 'abc-123', r: 1, s: 'manager' },
    { a: 'reject', o: 'x', r: 3, s: 'pmo' },
    { a: 'edit', o: 'abc', r: 2 },
    { a: 'open', o: 'abc' },
  ])('round-trips %j', (action) => {
    expect(decodeAction(encodeAction(action))).toEqual(action);
    expect(decodeAction(JSON.parse(encodeAction(action)))).toEqual(action);
  });

  it.each([
    ['not json', '{oops'],
    ['unknown action', '{"a":"delete","o":"abc"}'],
    ['bad id', '{"a":"open","o":"../../etc"}'],
    ['missing round', '{"a":"approve","o":"abc","s":"manager"}'],
    ['fractional round', '{"a":"approve","o":"abc","r":1.5,"s":"manager"}'],
    ['bad stage', '{"a":"approve","o":"abc","r":1,"s":"ceo"}'],
    ['null', null],
    ['number', 42],
    ['too long', `{"a":"open","o":"${'a'.repeat(3000)}"}`],
  ])('rejects %s', (_, raw) => {
    expect(decodeAction(raw)).toBeNull();
  });

  it('stays far below Slack’s 2000-character value limit', () => {
    expect(encodeAction({ a: 'request_changes', o: crypto.randomUUID(), r: 99, s: 'manager' }).length).toBeLessThan(150);
  });
});
