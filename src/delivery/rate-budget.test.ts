import { describe, expect, it } from 'vitest';
import { createRateBudget, PLATFORM_BUDGETS } from './rate-budget.ts';

describe('rate budgets', () => {
  const slack = (destination: string, workspaceId = 'W1') => PLATFORM_BUDGETS.slack!({ workspaceId, destination });
  const feishu = (destination: string, workspaceId = 'W1') => PLATFORM_BUDGETS.feishu!({ workspaceId, destination });

  it('lets Slack burst 3 messages to a channel, then one a second on average, other channels unaffected', () => {
    const b = createRateBudget();
    for (let i = 0; i < 3; i++) expect(b.reserve(slack('C1'), 0)).toBe(0);
    expect(b.reserve(slack('C1'), 0)).toBe(3_000);
    expect(b.reserve(slack('C2'), 0)).toBe(0);
    expect(b.reserve(slack('C1'), 2_400)).toBe(600);
    // The first burst has left the window: at most 3 in any 3 s is 1/s sustained.
    for (let i = 0; i < 3; i++) expect(b.reserve(slack('C1'), 3_000)).toBe(0);
    expect(b.reserve(slack('C1'), 3_000)).toBe(3_000);
  });

  it('keeps Slack to 5 messages a second per workspace, across channels', () => {
    const b = createRateBudget();
    for (let i = 0; i < 5; i++) expect(b.reserve(slack(`C${i}`), 0)).toBe(0);
    expect(b.reserve(slack('C9'), 0)).toBe(1_000);
    expect(b.reserve(slack('C9', 'W2'), 0)).toBe(0);
  });

  it('lets Feishu send 5 per second to one chat and 50 per second per app and tenant', () => {
    const b = createRateBudget();
    for (let i = 0; i < 5; i++) expect(b.reserve(feishu('oc_1'), 0)).toBe(0);
    expect(b.reserve(feishu('oc_1'), 0)).toBe(1_000);
    // 45 more to other chats fill the app budget; the 51st in that second must wait.
    for (let i = 0; i < 45; i++) expect(b.reserve(feishu(`oc_${i + 2}`), 500)).toBe(0);
    expect(b.reserve(feishu('oc_99'), 500)).toBe(500);
  });

  it('keeps Feishu under 1000 a minute per app even at 50 a second', () => {
    const b = createRateBudget();
    let sent = 0;
    for (let t = 0; t < 60_000; t += 20) if (b.reserve(feishu(`ou_${t}`), t) === 0) sent++;
    expect(sent).toBe(1_000);
  });

  it('takes nothing from any window when one of them is full', () => {
    const b = createRateBudget();
    const rule = { limit: 1, windowMs: 1_000 };
    expect(b.reserve([{ key: 'a', rule }], 0)).toBe(0);
    expect(b.reserve([{ key: 'b', rule }, { key: 'a', rule }], 0)).toBe(1_000);
    expect(b.reserve([{ key: 'b', rule }], 0)).toBe(0);
  });

  it('holds a paused key until the pause ends', () => {
    const b = createRateBudget();
    b.pause(slack('C1').slice(0, 1), 30_000);
    expect(b.reserve(slack('C1'), 0)).toBe(30_000);
    expect(b.reserve(slack('C2'), 0)).toBe(0);
    expect(b.reserve(slack('C1'), 30_000)).toBe(0);
  });

  it('counts a send from when the platform answered, so a late request cannot let the next burst in early', () => {
    const b = createRateBudget();
    for (let i = 0; i < 3; i++) expect(b.reserve(slack('C1'), 0)).toBe(0);
    b.answered(slack('C1'), 0, 400);
    // Two sends still count from 0, one from 400: room for one at 3 000, the next at 3 400.
    expect(b.reserve(slack('C1'), 3_000)).toBe(0);
    expect(b.reserve(slack('C1'), 3_000)).toBe(0);
    expect(b.reserve(slack('C1'), 3_000)).toBe(400);
  });
});
