import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, type CardAction } from './actions.ts';

describe('card action codec', () => {
  it.each<CardAction>([
    { a: 'approve', o: 'abc-123', r: 1, s: 'manager' },
    { a: 'reject', o: 'x', r: 3, s: 'pmo' },
    { a: 'edit', o: 'abc', r: 2 },
    { a: 'open', o: 'abc' },
    { a: 'nps', s: 'survey-1', v: 0 },
    { a: 'nps', s: 'survey-1', v: 10 },
    { a: 'review', r: 'schedule-1' },
    { a: 'lesson', o: 'outcome-1' },
    { a: 'retro_done', x: 'action-1' },
    { a: 'nps_start', n: 'n0nce' },
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
    ['score above 10', '{"a":"nps","s":"abc","v":11}'],
    ['negative score', '{"a":"nps","s":"abc","v":-1}'],
    ['fractional score', '{"a":"nps","s":"abc","v":7.5}'],
    ['score as text', '{"a":"nps","s":"abc","v":"9"}'],
    ['missing survey', '{"a":"nps","v":9}'],
    ['bad survey id', '{"a":"nps","s":"a b","v":9}'],
    ['review without schedule', '{"a":"review"}'],
    ['review with a numeric schedule', '{"a":"review","r":3}'],
    ['review with a bad schedule id', '{"a":"review","r":"../x"}'],
    ['lesson without an outcome', '{"a":"lesson"}'],
    ['retro_done with a bad action id', '{"a":"retro_done","x":"a b"}'],
    ['survey form without a nonce', '{"a":"nps_start"}'],
    ['survey form with a bad nonce', '{"a":"nps_start","n":"a b"}'],
    ['too long', `{"a":"open","o":"${'a'.repeat(3000)}"}`],
  ])('rejects %s', (_, raw) => {
    expect(decodeAction(raw)).toBeNull();
  });

  it('stays far below Slack’s 2000-character value limit', () => {
    expect(encodeAction({ a: 'request_changes', o: crypto.randomUUID(), r: 99, s: 'manager' }).length).toBeLessThan(150);
  });
});

describe('Feishu form submit actions in the same codec', () => {
  it('round-trips submit and resubmit with their nonce, and refuses a bad nonce or round', () => {
    expect(decodeAction(encodeAction({ a: 'submit', n: 'abc123' }))).toEqual({ a: 'submit', n: 'abc123' });
    expect(decodeAction(encodeAction({ a: 'resubmit', o: 'o1', r: 2, n: 'x' }))).toEqual({ a: 'resubmit', o: 'o1', r: 2, n: 'x' });
    expect(decodeAction('{"a":"submit","n":"../x"}')).toBeNull();
    expect(decodeAction('{"a":"resubmit","o":"o1","r":0,"n":"x"}')).toBeNull();
    expect(decodeAction('{"a":"resubmit","o":"o1","r":2}')).toBeNull();
  });
});
