import { describe, expect, it } from 'vitest';
import { cardContext } from '../../src/views/card-context.ts';
import { blocksTextLength, checkBlocks } from '../../test/fakes/slack/block-rules.ts';
import { checkView } from '../../test/fakes/slack/view-rules.ts';
import { doubledOptional, inputBlock } from '../../test/fixtures/slack/labels.ts';
import type { OutcomeView, ReviewView } from '../view.ts';
import { renderApprovalCard } from './approval-card.ts';
import { renderHelp, renderList } from './command-replies.ts';
import { renderCommentModal, renderInfoModal } from './comment-modal.ts';
import { renderHome } from './home.ts';
import { renderDecisionNotice, renderReceipt } from './notices.ts';
import { renderSubmitModal } from './submit-modal.ts';

const en = cardContext('en', 'https://outcome.example.com');
const zh = cardContext('zh-CN', 'https://outcome.example.com');
const long = (n: number) => 'x'.repeat(n);

const view = (over: Partial<OutcomeView> = {}): OutcomeView => ({
  id: 'o-1',
  title: 'Shorter clinic waiting time',
  description: 'Cut the average outpatient waiting time by reworking triage and booking slots.',
  status: 'submitted',
  indicatorClass: 'impact',
  project: { id: 'p-1', name: 'Clinic triage', goLiveText: '2026-01-05' },
  dueText: '2026-12-01',
  round: 1,
  submitter: { address: 'UMEMBER1', name: 'Alice' },
  owner: { address: 'UMEMBER1', name: 'Alice' },
  reviewer: { address: 'UMANAGER1', name: 'Bob' },
  metrics: [{ name: 'Waiting time', unit: 'min', direction: 'decrease', baseline: 45, target: 28, actual: 32, changePct: -0.2889, targetChangePct: -0.3778, progress: 0.7647 }],
  evidence: [
    { kind: 'link', title: null, url: 'https://example.com/report', fileRef: null, messageId: null },
    { kind: 'file', title: 'survey.pdf', url: null, fileRef: 'F0001', messageId: null },
  ],
  reviews: [],
  smart: { specific: true, measurable: true, assignable: true, realistic: true, timeRelated: true },
  url: 'https://outcome.example.com/app/outcomes/o-1',
  ...over,
});

const decision: ReviewView = {
  round: 1,
  stage: 'manager',
  decision: 'approve',
  reviewer: { address: 'UMANAGER1', name: 'Bob' },
  comment: 'Solid evidence.',
  scores: { impact: 4, difficulty: 3, innovation: 5 },
  decidedAt: '2026-11-23T02:00:00.000Z',
  decidedAtText: '2026-11-23 10:00',
};

/** The biggest outcome the modal allows: long texts, 3 metrics, 3 links and 10 files. */
const biggest = view({
  title: long(150),
  description: long(3000),
  project: { id: 'p', name: long(100), goLiveText: '2026-01-05' },
  metrics: Array.from({ length: 3 }, (_, i) => ({ ...view().metrics[0]!, name: `${long(95)}${i}`, unit: long(30) })),
  evidence: [
    ...Array.from({ length: 3 }, (_, i) => ({ kind: 'link' as const, title: null, url: `https://example.com/${long(i === 2 ? 2900 : 550)}/${i}`, fileRef: null, messageId: null })),
    // Files with permalinks: the links must not push the evidence section past 3000 characters.
    ...Array.from({ length: 10 }, (_, i) => ({ kind: 'file' as const, title: `${long(200)}-${i}.pdf`, url: `https://files.example.com/UMEMBER1/F${i}/${long(120)}.pdf`, fileRef: `F${i}`, messageId: null })),
  ],
  reviews: [decision, { ...decision, comment: long(2000) }],
});

const UNTRANSLATED = /\b(card|slack|status|stage|decision|indicator|direction|smart|error)\.[a-z_]+(\.[a-z_]+)*\b/;

describe('Slack cards', () => {
  it('renders the open approval card (snapshot)', () => {
    expect(renderApprovalCard(en, { view: view(), stage: 'manager', round: 1, open: true, decision: null })).toMatchSnapshot();
  });

  it('renders the decided card without controls, showing who, when and the scores (snapshot)', () => {
    const card = renderApprovalCard(zh, { view: view({ status: 'manager_approved', reviews: [decision] }), stage: 'manager', round: 1, open: false, decision });
    expect(JSON.stringify(card.blocks)).not.toContain('"type":"button"');
    expect(JSON.stringify(card.blocks)).toContain('<!date^1795399200^{date_short_pretty} {time}|2026-11-23 10:00>');
    expect(card).toMatchSnapshot();
  });

  it.each([
    ['approve', 'Approved by Bob (Manager review)', 'Bob 已通过（主管审核）'],
    ['request_changes', 'Changes requested by Bob (Manager review)', 'Bob 已退回修改（主管审核）'],
    ['reject', 'Rejected by Bob (Manager review)', 'Bob 已驳回（主管审核）'],
  ] as const)('a decided card’s header says what was decided and by whom (%s)', (d, title, zhTitle) => {
    const decided = { ...decision, decision: d };
    const props = { view: view({ reviews: [decided] }), stage: 'manager' as const, round: 1, open: false, decision: decided };
    expect(renderApprovalCard(en, props).blocks[0]).toMatchObject({ type: 'header', text: { text: title } });
    expect(renderApprovalCard(zh, props).blocks[0]).toMatchObject({ type: 'header', text: { text: zhTitle } });
    expect(renderApprovalCard(en, props).text).toContain(title);
  });

  it('the score selects say what 1 and 5 mean, in both languages', () => {
    for (const [ctx, low, high] of [[en, 'Impact: 1 (barely noticeable)', 'Impact: 5 (a large, measurable change)'], [zh, '影响力: 1 (几乎没有变化)', '影响力: 5 (显著、可衡量的变化)']] as const) {
      const card = JSON.stringify(renderApprovalCard(ctx, { view: view(), stage: 'manager', round: 1, open: true, decision: null }).blocks);
      expect(card).toContain(low);
      expect(card).toContain(high);
    }
    const card = JSON.stringify(renderApprovalCard(en, { view: view(), stage: 'manager', round: 1, open: true, decision: null }).blocks);
    expect(card).toContain('*Difficulty*: 1 = routine work · 5 = very hard, new ground');
  });

  it('shows the PMO the manager’s decision of this round', () => {
    const card = renderApprovalCard(en, { view: view({ status: 'manager_approved', reviews: [decision] }), stage: 'pmo', round: 1, open: true, decision: null });
    expect(JSON.stringify(card.blocks)).toContain('Review trail');
    expect(JSON.stringify(card.blocks)).toContain('Solid evidence.');
  });

  it.each([
    ['en open', en, true],
    ['zh-CN open', zh, true],
    ['zh-CN decided', zh, false],
  ] as const)('keeps the biggest approval card (%s) within Block Kit limits', (_, ctx, open) => {
    const card = renderApprovalCard(ctx, { view: biggest, stage: 'pmo', round: 1, open, decision: open ? null : { ...decision, stage: 'pmo', comment: long(2000) } });
    expect(checkBlocks(card.blocks, 'message')).toEqual([]);
    expect(card.blocks.length).toBeLessThanOrEqual(50);
    // Slack's undocumented ceiling (msg_blocks_too_long at ≈13.2k characters, platform-facts §1.6).
    expect(blocksTextLength(card.blocks)).toBeLessThan(12_000);
    expect(JSON.stringify(card)).not.toMatch(UNTRANSLATED);
  });

  it('escapes what people typed, so a title cannot mention @channel or forge a link', () => {
    const card = renderApprovalCard(en, { view: view({ title: '<!channel> <https://evil.example|click>', description: 'a & b' }), stage: 'manager', round: 1, open: true, decision: null });
    const text = JSON.stringify(card.blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('a &amp; b');
  });

  it('renders the receipt and every decision notice; only "request changes" carries the Edit button', () => {
    expect(checkBlocks(renderReceipt(en, biggest).blocks, 'message')).toEqual([]);
    for (const d of ['approve', 'request_changes', 'reject'] as const)
      for (const stage of ['manager', 'pmo'] as const) {
        const status = d === 'request_changes' ? 'changes_requested' : d === 'reject' ? 'rejected' : stage === 'pmo' ? 'verified' : 'manager_approved';
        const notice = renderDecisionNotice(zh, { view: view({ status }), stage, round: 1, decision: d, comment: d === 'approve' ? null : 'Add data', by: { address: 'UMANAGER1', name: 'Bob' }, reviewDue: stage === 'pmo' ? { text: '2026-04-06', overdue: false, days: 0 } : null });
        expect(checkBlocks(notice.blocks, 'message')).toEqual([]);
        expect(JSON.stringify(notice.blocks).includes('outcome_edit')).toBe(d === 'request_changes');
        expect(JSON.stringify(notice)).not.toMatch(UNTRANSLATED);
      }
  });

  it('links a Slack file to its permalink where it is stored, and names it where not', () => {
    const permalink = 'https://outcome-test.slack.com/files/UMEMBER1/F0001/survey.pdf';
    const linked = view({ evidence: [{ kind: 'file', title: 'survey.pdf', url: permalink, fileRef: 'F0001', messageId: null }, { kind: 'image', title: 'chart.png', url: null, fileRef: 'F0002', messageId: null }] });
    const text = JSON.stringify(renderApprovalCard(en, { view: linked, stage: 'manager', round: 1, open: true, decision: null }).blocks);
    expect(text).toContain(`📎 <${permalink}|survey.pdf>`);
    expect(text).toContain('📎 chart.png');
  });

  it('offers no Edit button once the member has resubmitted', () => {
    const notice = renderDecisionNotice(en, { view: view({ status: 'submitted', round: 2 }), stage: 'manager', round: 1, decision: 'request_changes', comment: 'x', by: { address: 'U1', name: 'B' }, reviewDue: null });
    expect(JSON.stringify(notice.blocks)).not.toContain('outcome_edit');
  });
});

describe('Slack modals and the Home tab', () => {
  it('keeps the fullest submit modal (100 projects, prefilled) within the modal limits (snapshot of the empty one)', () => {
    const projects = Array.from({ length: 120 }, (_, i) => ({ id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, name: `${long(90)}${i}` }));
    const full = renderSubmitModal(zh, {
      privateMetadata: JSON.stringify({ mode: 'edit', o: crypto.randomUUID(), r: 9 }),
      editing: true,
      projects,
      reviewerId: 'UMANAGER1',
      initial: { title: long(150), description: long(3000), indicatorClass: 'impact', projectId: projects[3]!.id, dueDate: '2026-12-01', metrics: biggest.metrics, links: ['https://a.example', 'https://b.example'], filesKept: 10 },
    });
    expect(checkView(full, 'modal')).toEqual({ messages: [] });
    expect((full.blocks as unknown[]).length).toBeLessThanOrEqual(100);
    const empty = renderSubmitModal(en, { privateMetadata: '{"mode":"submit"}', editing: false, projects: [], reviewerId: null });
    expect(checkView(empty, 'modal')).toEqual({ messages: [] });
    // Without projects there is no empty select (Slack refuses one), only the new-project inputs.
    expect(JSON.stringify(empty)).not.toContain('"block_id":"project"');
    expect(empty).toMatchSnapshot();
  });

  it('the submit modal says each optional label once and states when the project inputs are required', () => {
    const props = { privateMetadata: '{"mode":"submit"}', editing: false, reviewerId: null };
    for (const ctx of [en, zh]) {
      const none = renderSubmitModal(ctx, { ...props, projects: [] });
      const some = renderSubmitModal(ctx, { ...props, projects: [{ id: 'p-1', name: 'Clinic triage' }] });
      expect(doubledOptional(none)).toEqual([]);
      expect(doubledOptional(some)).toEqual([]);
      // No project yet: the new project is required (Slack enforces it).
      expect(inputBlock(none, 'project_new')).toMatchObject({ optional: false });
      // With projects to pick from, it is required only without a pick, and the hint says so.
      expect(inputBlock(some, 'project_new')).toMatchObject({ optional: true, hint: { text: ctx.t('slack.modal.project_new_hint') } });
      // One date, required, labelled as the go-live the review counts from.
      expect(inputBlock(some, 'due')).toMatchObject({ optional: false, label: { text: ctx.t('template.go_live') }, hint: { text: ctx.t('template.go_live_hint') } });
      expect(inputBlock(some, 'project_go_live')).toBeUndefined();
    }
  });

  it('renders the comment and info modals within limits', () => {
    expect(checkView(renderCommentModal(zh, { decision: 'request_changes', title: long(150), privateMetadata: '{}' }), 'modal')).toEqual({ messages: [] });
    expect(checkView(renderInfoModal(en, long(2900)), 'modal')).toEqual({ messages: [] });
  });

  it('keeps a full Home tab within the 100-block limit', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ id: `o-${i}`, title: long(150), status: 'submitted', projectName: long(100), round: 1, stage: 'pmo' as const }));
    const home = renderHome(en, { mine: items, awaiting: items, dueReviews: items.map((o) => ({ outcomeId: o.id, title: o.title, dueText: '2026-04-06' })), dashboardUrl: 'https://outcome.example.com/app' });
    expect(checkView(home, 'home')).toEqual({ messages: [] });
    expect(JSON.stringify(home)).not.toMatch(UNTRANSLATED);
  });

  it('renders list and help replies within message limits', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ id: `o-${i}`, title: long(150), status: 'verified', projectName: 'P', updatedText: '2026-11-23' }));
    expect(checkBlocks(renderList(zh, items).blocks, 'message')).toEqual([]);
    expect(checkBlocks(renderHelp(zh, { unknown: long(500) }).blocks, 'message')).toEqual([]);
    expect(JSON.stringify(renderHelp(zh))).not.toMatch(UNTRANSLATED);
  });
});
