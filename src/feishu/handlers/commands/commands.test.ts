import { describe, expect, it } from 'vitest';
import { parseCommand, resolveMentions } from './commands.ts';

const m = (n: number, id: string) => ({ key: `@_user_${n}`, id: { open_id: id } });

describe('parseCommand', () => {
  it.each([
    ['/outcome', { kind: 'form' }],
    ['  /Outcome  ', { kind: 'form' }],
    ['／outcome new', { kind: 'form' }],
    ['/outcome list', { kind: 'list' }],
    ['/outcome help', { kind: 'help' }],
    ['/outcome admin set threshold 20', { kind: 'admin', args: ['set', 'threshold', '20'] }],
    ['/outcome nps', { kind: 'nps' }],
    ['/outcome NPS Results', { kind: 'nps_results' }],
    ['/outcome report', { kind: 'report' }],
    ['/outcome nps later', { kind: 'unknown', text: '/outcome nps later' }],
    ['/outcome dance', { kind: 'unknown', text: '/outcome dance' }],
    ['what is this', { kind: 'unknown', text: 'what is this' }],
    ['', { kind: 'unknown', text: '' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('drops the leading @bot in a group and keeps later mentions as open_id tokens', () => {
    expect(parseCommand('@_user_1 /outcome admin pmo reviewers @_user_2 @_user_10', [m(1, 'ou_bot'), m(2, 'ou_a'), m(10, 'ou_j')])).toEqual({
      kind: 'admin',
      args: ['pmo', 'reviewers', '<@ou_a>', '<@ou_j>'],
    });
  });

  it('replaces longer placeholders first (@_user_10 is not @_user_1 + "0")', () => {
    expect(resolveMentions('@_user_10 @_user_1', [m(1, 'ou_one'), m(10, 'ou_ten')]).trim().split(/\s+/)).toEqual(['<@ou_ten>', '<@ou_one>']);
  });
});
