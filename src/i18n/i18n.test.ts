import { describe, it, expect } from 'vitest';
import { LOCALES } from '../domain/types.ts';
import { formatNumber, formatPct, messages, resolveLocale, t } from './index.ts';

const en = messages.en;
const zhCN = messages['zh-CN'];

// `{n, plural, …}` counts as the placeholder `{n}` (Chinese needs no plural forms).
const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => `{${m[1]}}`))].sort();

describe('catalogues', () => {
  it('en and zh-CN have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('%s: non-empty in every locale, same placeholders', (key) => {
    const texts = LOCALES.map((l) => (messages[l] as Record<string, string>)[key]);
    for (const text of texts) {
      expect(typeof text).toBe('string');
      expect(text!.trim()).not.toBe('');
    }
    const [first, ...rest] = texts.map((x) => placeholders(x ?? ''));
    for (const p of rest) expect(p).toEqual(first);
  });

  it('has the keys the product needs now', () => {
    const required = [
      'score.out_of_range',
      'error.internal',
      'error.illegal_transition',
      'status.manager_approved',
      'indicator.impact',
      'stage.pmo',
      'decision.request_changes',
      'direction.decrease',
      'nps.hidden_below_min',
      'alert.shortfall',
    ];
    for (const k of required) expect(Object.hasOwn(en, k)).toBe(true);
  });

  it('zh-CN texts are Chinese', () => {
    expect(zhCN['status.verified']).toBe('已核验');
    expect(Object.values(zhCN).every((s) => /[\u4e00-\u9fff]/.test(s))).toBe(true);
  });
});

describe('counts', () => {
  it.each([
    ['digest.flow', { submitted: 1, verified: 0, sentBack: 0, rejected: 0 }, 'This week 1 outcome was submitted, 0 verified', '本周共提交 1 项成果'],
    ['digest.flow', { submitted: 2, verified: 1, sentBack: 0, rejected: 0 }, 'This week 2 outcomes were submitted, 1 verified', '本周共提交 2 项成果'],
    ['digest.reviews', { due: 1, overdue: 1 }, '1 follow-up review is due in the next 7 days and 1 is overdue.', '有 1 项跟进复盘到期，另有 1 项已逾期'],
    ['digest.reviews', { due: 0, overdue: 3 }, '0 follow-up reviews are due in the next 7 days and 3 are overdue.', '有 0 项跟进复盘到期'],
    ['slack.review.recorded_alerts', { n: 1 }, '1 metric fell short of the target', '有 1 项指标'],
    ['slack.review.recorded_alerts', { n: 2 }, '2 metrics fell short of the target', '有 2 项指标'],
    ['feishu.evidence.added', { title: 'X', count: 1 }, 'It now has 1 piece of evidence.', '共有 1 项佐证材料'],
    ['slack.modal.files_kept', { n: 1 }, '1 file already attached is kept.', '已附加的 1 个文件将保留'],
    ['feishu.toast.survey_started', { count: 1 }, 'Survey sent to 1 person.', '调查已发送给 1 人'],
    ['digest.overdue', { title: 'X', owner: 'Y', days: 1 }, 'is 1 day overdue.', '已逾期 1 天'],
    ['web.nps.surveys', { n: 1 }, '1 survey', '共 1 次调查'],
  ] as const)('%s with %o reads naturally in both languages', (key, params, english, chinese) => {
    expect(t('en', key, params)).toContain(english);
    expect(t('zh-CN', key, params)).toContain(chinese);
  });

  it('no English text counts with “(s)”', () => {
    expect(Object.entries(en).filter(([, text]) => text.includes('(s)'))).toEqual([]);
  });

  it('a plural whose count is missing or not a number falls back to its “other” form', () => {
    expect(t('en', 'slack.results.answers', { n: 'many' })).toBe('many answers');
  });
});

describe('t', () => {
  it('fills placeholders', () => {
    expect(t('en', 'error.internal', { ref: 'abc123' })).toBe(
      'Something went wrong on our side; please try again. If it persists, tell your admin (ref abc123).',
    );
    expect(t('zh-CN', 'error.platform_off', { platform: 'Slack' })).toBe('尚未接入 Slack，请联系管理员完成配置。');
  });

  it('renders the shortfall alert with the worked example', () => {
    const params = { metric: 'Waiting time', baseline: '45 min', target: '28 min', actual: '32 min', progress: '76.5%', shortfall: '23.5%' };
    expect(t('en', 'alert.shortfall', params)).toBe(
      'Waiting time: target 45 min → 28 min, achieved 45 min → 32 min: 76.5% of the targeted change, 23.5% short.',
    );
    expect(t('zh-CN', 'alert.shortfall', { ...params, metric: '等待时间' })).toBe(
      '等待时间：目标 45 min → 28 min，实际 45 min → 32 min：完成目标变化的 76.5%，差距 23.5%。',
    );
  });

  it('leaves a placeholder without a param visible', () => {
    expect(t('en', 'score.out_of_range', { min: 1 })).toBe('Enter a whole number from 1 to {max}.');
  });

  it('falls back to the key for an unknown key, and never reads prototype members', () => {
    expect(t('zh-CN', 'no.such.key')).toBe('no.such.key');
    expect(t('en', 'toString')).toBe('toString');
  });
});

describe('resolveLocale', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh_cn', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-US', 'en'],
    ['en_us', 'en'],
    ['EN-GB', 'en'],
  ] as const)('%s → %s', (input, expected) => {
    expect(resolveLocale(input, 'en')).toBe(expected);
    expect(resolveLocale(input, 'zh-CN')).toBe(expected);
  });

  it.each(['ja-JP', 'ko_kr', '', 'english', undefined, null])('%s → fallback', (input) => {
    expect(resolveLocale(input, 'zh-CN')).toBe('zh-CN');
    expect(resolveLocale(input, 'en')).toBe('en');
  });
});

describe('formatPct / formatNumber', () => {
  it('formats fractions as percent with one decimal', () => {
    expect(formatPct(-0.378, 'en')).toBe('-37.8%');
    expect(formatPct(0.7647, 'zh-CN')).toBe('76.5%');
    expect(formatPct(1.5, 'en')).toBe('150%');
    expect(formatPct(null, 'en')).toBe('—');
  });

  it('formats numbers with grouping and at most 2 decimals', () => {
    expect(formatNumber(12345.678, 'en')).toBe('12,345.68');
    expect(formatNumber(28, 'zh-CN')).toBe('28');
    expect(formatNumber(Number.NaN, 'en')).toBe('—');
  });
});
