import { describe, expect, it } from 'vitest';
import { createRateBudget, PLATFORM_BUDGETS } from './rate-budget.ts';

describe('rate budgets', () => {
  it('lets Slack post one message per second per channel, other channels unaffected', () => {
    const b = createRateBudget();
    const ch = (destination: string) => PLATFORM_BUDGETS.slack!({ destination });
    expect(b.reserve(ch('C1'), 0)).toBe(0);
    expect(b.reserve(ch('C1'), 0)).toBe(1000);
    expect(b.reserve(ch('C2'), 0)).toBe(0);
    expect(b.reserve(ch('C1'), 400)).toBe(600);
    expect(b.reserve(ch('C1'), 1000)).toBe(0);
  });

  it('lets Feishu send 5 per second to one chat and 50 per second per app', () => {
    const b = createRateBudget();
    const to = (destination: string) => PLATFORM_BUDGETS.feishu!({ destination });
    for (let i = 0; i < 5; i++) expect(b.reserve(to('oc_1'), 0)).toBe(0);
    expect(b.reserve(to('oc_1'), 0)).toBe(200);
    // 45 more to other chats fill the app budget; the 51st in that second must wait.
    for (let i = 0; i < 45; i++) expect(b.reserve(to(`oc_${i + 2}`), 0)).toBe(0);
    expect(b.reserve(to('oc_99'), 0)).toBe(20);
  });

  it('takes nothing from any bucket when one of them is empty', () => {
    const b = createRateBudget();
    const rule = { perSecond: 1, burst: 1 };
    expect(b.reserve([{ key: 'a', rule }], 0)).toBe(0);
    expect(b.reserve([{ key: 'b', rule }, { key: 'a', rule }], 0)).toBe(1000);
    expect(b.reserve([{ key: 'b', rule }], 0)).toBe(0);
  });
});
