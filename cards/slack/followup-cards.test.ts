import { describe, expect, it } from 'vitest';
import { cardContext } from '../../src/views/card-context.ts';
import { blocksTextLength, checkBlocks } from '../../test/fakes/slack/block-rules.ts';
import { checkView } from '../../test/fakes/slack/view-rules.ts';
import { doubledOptional } from '../../test/fixtures/slack/labels.ts';
import type { NpsSummaryView, ReviewDueView, ShortfallView, SurveyResultsView, SurveyView } from '../view.ts';
import { renderDigest, renderReviewEscalation, renderReviewRecorded, renderShortfallAlert } from './followup-notices.ts';
import { renderHome } from './home.ts';
import { renderReviewCard } from './review-card.ts';
import { renderReviewModal } from './review-modal.ts';
import { renderSurveyCard } from './survey-card.ts';
import { renderSurveyCommentModal, renderSurveyModal } from './survey-modal.ts';
import { distributionBars, renderResultsList, renderSurveyResults } from './survey-results.ts';

const en = cardContext('en', 'https://outcome.example.com');
const zh = cardContext('zh-CN', 'https://outcome.example.com');
const long = (n: number) => 'x'.repeat(n);
const UNTRANSLATED = /\b(card|slack|survey|review|nps|alert|digest|status|error)\.[a-z_]+(\.[a-z_]+)*\b/;

const survey = (over: Partial<SurveyView> = {}): SurveyView => ({
  id: 's-1',
  question: 'How likely are you to recommend Clinic triage to a colleague?',
  projectName: 'Clinic triage',
  kind: 'follow_up',
  status: 'open',
  closesText: '2026-12-01 18:00',
  myScore: null,
  questions: [{ type: 'nps', text: 'How likely are you to recommend Clinic triage to a colleague?', choices: [] }],
  form: false,
  anonymous: false,
  wave: null,
  ...over,
});

const summary = (over: Partial<NpsSummaryView> = {}): NpsSummaryView => ({
  n: 10,
  hidden: false,
  nps: 30,
  interval: { low: -12, high: 72 },
  promoters: 5,
  passives: 3,
  detractors: 2,
  distribution: [0, 0, 0, 0, 1, 0, 1, 1, 2, 2, 3],
  ...over,
});
const hidden: NpsSummaryView = { n: 2, hidden: true, nps: null, interval: null, promoters: null, passives: null, detractors: null, distribution: null };

const results = (over: Partial<SurveyResultsView> = {}): SurveyResultsView => ({
  survey: survey({ status: 'closed' }),
  summary: summary(),
  questions: [],
  trend: null,
  comparison: { baseline: summary({ nps: 10, n: 8 }), followUp: summary() },
  minResponses: 3,
  ...over,
});

const review = (over: Partial<ReviewDueView> = {}): ReviewDueView => ({
  scheduleId: 'rs-1',
  kind: 'first',
  outcomeId: 'o-1',
  title: 'Shorter clinic waiting time',
  dueText: '2026-04-06',
  due: { text: '2026-04-06', overdue: false, days: 0 },
  status: 'notified',
  owner: { address: 'UMEMBER1', name: 'Alice' },
  metrics: [{ id: 'm-1', name: 'Waiting time', unit: 'min', direction: 'decrease', baseline: 45, target: 28, actual: null }],
  url: 'https://outcome.example.com/app/outcomes/o-1',
  ...over,
});
const shortfall: ShortfallView = { name: 'Waiting time', unit: 'min', baseline: 45, target: 28, actual: 32, progress: 13 / 17, shortfall: 4 / 17 };

type Button = { type: string; action_id: string; value?: string; style?: string; text: { text: string } };
/** Buttons of actions blocks and section accessories. */
const buttons = (blocks: unknown[]): Button[] =>
  (blocks as { elements?: Button[]; accessory?: Button }[]).flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]).filter((e) => e.type === 'button');

describe('NPS survey cards', () => {
  it('asks with one actions block of 11 buttons, 0 to 10 (snapshot)', () => {
    const card = renderSurveyCard(en, { view: survey(), reminder: false, comment: null });
    const scale = card.blocks.filter((b) => b.type === 'actions');
    expect(scale).toHaveLength(1);
    expect(buttons(scale).map((b) => b.text.text)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(buttons(scale).map((b) => JSON.parse(b.value!))).toEqual(Array.from({ length: 11 }, (_, v) => ({ a: 'nps', s: 's-1', v })));
    expect(checkBlocks(card.blocks, 'message')).toEqual([]);
    expect(card).toMatchSnapshot();
  });

  it('shows the chosen score, still changeable, with the comment button and the comment (snapshot, zh-CN)', () => {
    const card = renderSurveyCard(zh, { view: survey({ myScore: 8 }), reminder: false, comment: '分诊快多了' });
    const all = buttons(card.blocks);
    expect(all.filter((b) => b.style === 'primary').map((b) => b.text.text)).toEqual(['8']);
    expect(all.find((b) => b.action_id === 'nps_comment')?.text.text).toBe('修改意见');
    expect(JSON.stringify(card.blocks)).toContain('你的回答：*8* 分');
    expect(JSON.stringify(card)).not.toMatch(UNTRANSLATED);
    expect(card).toMatchSnapshot();
  });

  it('says so in the reminder, and keeps only the answer once closed', () => {
    expect(JSON.stringify(renderSurveyCard(en, { view: survey(), reminder: true, comment: null }).blocks)).toContain('You have not answered yet');
    const closed = renderSurveyCard(en, { view: survey({ status: 'closed', myScore: 9 }), reminder: true, comment: null });
    expect(buttons(closed.blocks)).toEqual([]);
    expect(JSON.stringify(closed.blocks)).toContain('This survey has closed. Your answer: *9*.');
  });

  it('keeps the longest question and comment within Block Kit limits, escaped', () => {
    const card = renderSurveyCard(zh, { view: survey({ question: `<!channel> ${long(300)}`, projectName: long(100), myScore: 0 }), reminder: true, comment: long(2000) });
    expect(checkBlocks(card.blocks, 'message')).toEqual([]);
    expect(JSON.stringify(card.blocks)).not.toContain('<!channel>');
  });
});

describe('NPS results card', () => {
  it('shows NPS, the interval, the buckets, the distribution bars and the comparison (snapshot)', () => {
    const card = renderSurveyResults(en, results());
    const text = JSON.stringify(card.blocks);
    expect(text).toContain('NPS *30* (95% interval -12 to 72)');
    expect(text).toContain('Baseline (before go-live): NPS 10 (n = 8)');
    expect(text).toContain('Change: +20 points');
    expect(checkBlocks(card.blocks, 'message')).toEqual([]);
    expect(card).toMatchSnapshot();
  });

  it('draws the distribution as text bars scaled to the largest count', () => {
    const bars = distributionBars([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 500]).split('\n');
    expect(bars).toHaveLength(11);
    expect(bars[0]).toBe('` 0`  0');
    expect(bars[6]).toBe('` 6` █ 1');
    expect(bars[10]).toBe(`\`10\` ${'█'.repeat(20)} 500`);
  });

  it('hides the score below 3 answers and says why, in zh-CN (snapshot)', () => {
    const card = renderSurveyResults(zh, results({ summary: hidden, comparison: { baseline: null, followUp: hidden } }));
    const text = JSON.stringify(card.blocks);
    expect(text).toContain('为保护匿名，回复满 3 份后才显示结果。');
    expect(text).toContain('2 份回答');
    expect(text).not.toContain('NPS *');
    expect(text).toContain('暂无已结束的调查');
    expect(card).toMatchSnapshot();
  });

  it('lists several surveys in one reply within 50 blocks', () => {
    const list = renderResultsList(zh, Array.from({ length: 6 }, () => results({ survey: survey({ question: long(300), projectName: long(100) }) })));
    expect(checkBlocks(list.blocks, 'message')).toEqual([]);
    expect(renderResultsList(en, []).text).toContain('/outcome nps');
  });
});

describe('follow-up review card and form', () => {
  it('asks for the actual values with a record button (snapshot)', () => {
    const card = renderReviewCard(en, { view: review(), reminder: false, alerts: [], threshold: 0.15 });
    expect(buttons(card.blocks).map((b) => [b.action_id, JSON.parse(b.value!)])).toEqual([['review_record', { a: 'review', r: 'rs-1' }]]);
    expect(JSON.stringify(card.blocks)).toContain('*Waiting time*: baseline 45 → target 28 min');
    expect(card).toMatchSnapshot();
  });

  it('shows what was recorded and the alert with the numbers, with no button left (snapshot, zh-CN)', () => {
    const view = review({ status: 'done', metrics: [{ ...review().metrics[0]!, actual: 32 }] });
    const card = renderReviewCard(zh, { view, reminder: true, alerts: [shortfall], threshold: 0.15 });
    expect(buttons(card.blocks)).toEqual([]);
    const text = JSON.stringify(card.blocks);
    expect(text).toContain('实际 *32*');
    expect(text).toContain('*Waiting time*：目标 45 min → 28 min，实际 45 min → 32 min：完成目标变化的 76.5%，差距 23.5%。');
    expect(text).not.toContain('尚未填写');
    expect(card).toMatchSnapshot();
  });

  it('says when every metric is within the threshold', () => {
    const view = review({ status: 'done', metrics: [{ ...review().metrics[0]!, actual: 27 }] });
    expect(JSON.stringify(renderReviewCard(en, { view, reminder: false, alerts: [], threshold: 0.15 }).blocks)).toContain('Every metric is within the 15% shortfall threshold.');
  });

  it('keeps the fullest review card and form within limits (snapshot of the form)', () => {
    const metrics = Array.from({ length: 40 }, (_, i) => ({ id: crypto.randomUUID(), name: `${long(95)}${i}`, unit: long(30), direction: 'increase' as const, baseline: 1e9, target: 2e9, actual: 1.5e9 }));
    const view = review({ title: long(150), metrics: metrics.slice(0, 10) });
    expect(checkBlocks(renderReviewCard(zh, { view, reminder: true, alerts: [], threshold: 0.15 }).blocks, 'message')).toEqual([]);
    const alerts = metrics.slice(0, 10).map((m) => ({ ...shortfall, name: m.name, unit: m.unit }));
    const done = renderReviewCard(zh, { view: { ...view, status: 'done' }, reminder: false, alerts, threshold: 0.15 });
    expect(checkBlocks(done.blocks, 'message')).toEqual([]);
    expect(blocksTextLength(done.blocks)).toBeLessThan(12_000);
    expect(checkView(renderReviewModal(zh, { view: review({ title: long(150), metrics }), privateMetadata: '{"r":"rs-1"}' }), 'modal')).toEqual({ messages: [] });
    expect(renderReviewModal(en, { view: review(), privateMetadata: '{"r":"rs-1"}' })).toMatchSnapshot();
  });
});

describe('survey modals', () => {
  it('renders the start modal within limits, even with 150 projects and outcomes (snapshot of a small one)', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ id: crypto.randomUUID(), name: `${long(90)}${i}`, title: long(150), projectName: long(100) }));
    expect(checkView(renderSurveyModal(zh, { projects: many, outcomes: many, closesAt: 1_796_000_000 }), 'modal')).toEqual({ messages: [] });
    const small = renderSurveyModal(en, { projects: [{ id: 'p-1', name: 'Clinic triage' }], outcomes: [], closesAt: 1_796_000_000 });
    expect(JSON.stringify(small)).not.toContain('"block_id":"outcome"');
    expect(small).toMatchSnapshot();
  });

  it('renders the comment modal prefilled, within limits', () => {
    const modal = renderSurveyCommentModal(zh, { question: long(300), comment: long(2000), privateMetadata: '{"s":"s-1","v":8}' });
    expect(checkView(modal, 'modal')).toEqual({ messages: [] });
    expect(JSON.stringify(modal)).toContain(`"initial_value":"${long(2000)}"`);
  });
});

describe('optional inputs', () => {
  it('say “optional” once: Slack adds it, our labels do not', () => {
    for (const ctx of [en, zh]) {
      expect(doubledOptional(renderReviewModal(ctx, { view: review(), privateMetadata: '{"r":"rs-1"}' }))).toEqual([]);
      expect(doubledOptional(renderSurveyModal(ctx, { projects: [{ id: 'p-1', name: 'Clinic triage' }], outcomes: [{ id: 'o-1', title: 'T', projectName: 'P' }], closesAt: 1_796_000_000 }))).toEqual([]);
      expect(doubledOptional(renderSurveyCommentModal(ctx, { question: 'Q', comment: null, privateMetadata: '{}' }))).toEqual([]);
    }
  });
});

describe('escalation, receipt, alert and digest', () => {
  it('tells the manager how overdue the review is', () => {
    const m = renderReviewEscalation(en, { title: 'Shorter clinic waiting time', owner: { address: 'UMEMBER1', name: 'Alice' }, days: 7, dueText: '2026-04-06', url: 'https://x/app/outcomes/o-1' });
    expect(m.text).toBe('The follow-up review of “Shorter clinic waiting time” by Alice is 7 days overdue (it was due 2026-04-06).');
    expect(JSON.stringify(m.blocks)).toContain('<@UMEMBER1>');
  });

  it('tells the owner the review is recorded, and whether an alert went out', () => {
    expect(JSON.stringify(renderReviewRecorded(zh, { title: 'T', alerts: 1, url: 'https://x' }).blocks)).toContain('已通知你的主管和 PMO');
    expect(JSON.stringify(renderReviewRecorded(en, { title: 'T', alerts: 0, url: 'https://x' }).blocks)).not.toContain('alerted');
  });

  it('states the numbers and the formula in the alert (snapshot)', () => {
    const m = renderShortfallAlert(en, { title: 'Shorter clinic waiting time', metrics: [shortfall], threshold: 0.15, url: 'https://x/app/outcomes/o-1' });
    expect(JSON.stringify(m.blocks)).toContain('*Waiting time*: target 45 min → 28 min, achieved 45 min → 32 min: 76.5% of the targeted change, 23.5% short.');
    expect(checkBlocks(m.blocks, 'message')).toEqual([]);
    expect(m).toMatchSnapshot();
  });

  it('renders the digest as a title and escaped sentences, splitting long weeks into sections', () => {
    const lines = ['Weekly outcome digest, week of 2026-11-16', ...Array.from({ length: 30 }, (_, i) => `“<!here> ${long(150)}” line ${i}`)];
    const m = renderDigest(lines);
    expect(m.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: lines[0], emoji: true } });
    expect(checkBlocks(m.blocks, 'message')).toEqual([]);
    expect(m.blocks.length).toBeGreaterThan(2);
    expect(JSON.stringify(m.blocks)).not.toContain('<!here>');
  });
});

describe('Home tab with due reviews', () => {
  it('offers the record button only for reviews whose day has come', () => {
    const home = renderHome(en, {
      mine: [],
      awaiting: [],
      dueReviews: [
        { outcomeId: 'o-1', title: 'Due now', dueText: '2026-04-06', scheduleId: 'rs-1', recordable: true },
        { outcomeId: 'o-2', title: 'Later', dueText: '2026-07-06', scheduleId: 'rs-2', recordable: false },
      ],
      dashboardUrl: 'https://outcome.example.com/app',
    });
    expect(checkView(home, 'home')).toEqual({ messages: [] });
    expect(buttons(home.blocks as unknown[]).filter((b) => b.action_id === 'review_record').map((b) => JSON.parse(b.value!))).toEqual([{ a: 'review', r: 'rs-1' }]);
  });
});
