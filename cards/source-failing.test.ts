import { describe, expect, it } from 'vitest';
import { cardContext } from '../src/views/card-context.ts';
import { both, json } from '../test/fixtures/feishu/card-kit.ts';
import { checkBlocks } from '../test/fakes/slack/block-rules.ts';
import { cardProblems } from './feishu/limits.ts';
import { sourceFailingCard } from './feishu/source-notices.ts';
import { renderSourceFailing } from './slack/source-notices.ts';
import type { SourceFailingProps } from './source-failing.ts';

const FAILING: SourceFailingProps = {
  metric: 'Waiting *time*',
  title: 'Shorter <clinic> waits',
  kind: 'feishu_base',
  name: 'Clinic `Base`',
  error: 'Feishu 91403: app not added to the Base',
  failures: 3,
  lastSuccessText: '2026-11-20 09:00',
  url: 'https://outcome.test/app/outcomes/o-1',
};

describe('the failing-source message', () => {
  it('on Slack: which source, the error and the last success, escaped, within Block Kit rules', () => {
    const en = cardContext('en', 'https://outcome.test');
    const m = renderSourceFailing(en, FAILING);
    expect(checkBlocks(m.blocks, 'message')).toEqual([]);
    const text = json(m.blocks);
    expect(text).toContain('The Feishu Base source “Clinic');
    expect(text).toContain('failed 3 times in a row');
    expect(text).toContain('Feishu 91403: app not added to the Base');
    expect(text).toContain('Last success: 2026-11-20 09:00');
    expect(text).toContain('Shorter &lt;clinic&gt; waits');
    expect(json(renderSourceFailing(cardContext('zh-CN', 'https://outcome.test'), { ...FAILING, lastSuccessText: null }).blocks)).toContain('该数据源尚未成功过');
  });

  it('on Feishu: one card in both languages within the card limits', () => {
    const card = both((c) => sourceFailingCard(FAILING, c));
    expect(cardProblems(card)).toEqual([]);
    const text = json(card);
    expect(text).toContain('已连续失败 3 次');
    expect(text).toContain('failed 3 times in a row');
    expect(text).toContain('Feishu 91403: app not added to the Base');
    expect(text).toContain('https://outcome.test/app/outcomes/o-1');
  });
});
