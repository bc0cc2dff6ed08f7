import { describe, expect, it } from 'vitest';
import { both, callbackValues, json } from '../../test/fixtures/feishu/card-kit.ts';
import { APPROVED, OUTCOME } from '../../test/fixtures/feishu/outcome-view.ts';
import { decodeAction } from '../actions.ts';
import { approvalCard } from './approval-card.ts';
import { decodeFormAction } from './form-action.ts';
import { formCard, type FormCardProps } from './form-card.ts';
import { cardBytes, cardProblems, countComponents } from './limits.ts';
import { helpCard, listCard, messageCard } from './message-cards.ts';
import { noticeCard, summaryCard } from './notice-cards.ts';
import { TRIMS } from './outcome-section.ts';


const FORM: FormCardProps = {
  mode: { kind: 'new' },
  nonce: 'n0nce',
  values: { title: 'Shorter clinic waiting time', m0_baseline: 'about 45', reviewer: 'ou_boss' },
  errors: [
    { name: 'm0_baseline', key: 'smart.baseline_required' },
    { name: 'description', key: 'smart.description_too_short', params: { min: 20 } },
    { name: '_general', key: 'smart.owner_required' },
  ],
  projects: [{ id: 'p1', name: 'Clinic triage' }],
  reviewers: ['ou_boss', 'ou_pmo'],
};

describe('Feishu cards (JSON 2.0)', () => {
  it('the approval card: outcome, table, charts, evidence, SMART, score selects, three decisions in a form', () => {
    const card = both((c) => approvalCard({ outcome: OUTCOME, stage: 'manager', round: 1, decision: null }, c, TRIMS[0]!));
    expect(cardProblems(card)).toEqual([]);
    expect(callbackValues(card).map(decodeAction)).toEqual([
      { a: 'approve', o: OUTCOME.id, r: 1, s: 'manager' },
      { a: 'request_changes', o: OUTCOME.id, r: 1, s: 'manager' },
      { a: 'reject', o: OUTCOME.id, r: 1, s: 'manager' },
    ]);
    const text = json(card);
    expect(text).toContain('"tag":"chart"');
    expect(text).toContain('"baseline":"0","target":"3 (—)","actual":"2","change":"+2 sites"');
    expect(text).not.toContain('](javascript:');
    expect(text).toContain('Sneaky &#91;link&#93;(javascript:alert(1))');
    expect(card).toMatchSnapshot();
  });

  it('the decided card shows who decided what and when, with no buttons left, and escapes the comment', () => {
    const card = both((c) => approvalCard({ outcome: { ...OUTCOME, status: 'manager_approved', reviews: [APPROVED] }, stage: 'manager', round: 1, decision: APPROVED }, c, TRIMS[0]!));
    expect(cardProblems(card)).toEqual([]);
    expect(callbackValues(card)).toEqual([]);
    const text = json(card);
    expect(text).toContain('Approve by <at id=ou_boss></at> at 2026-11-23 10:00');
    expect(text).toContain('<at id=ou_boss></at> 于 2026-11-23 10:00 通过');
    // The comment reaches markdown only escaped; verbatim it sits in plain_text, which nothing interprets.
    const markdown = [...text.matchAll(/"tag":"markdown","content":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('\n');
    expect(markdown).toContain('&#60;at id=ou&#95;x&#62;');
    expect(markdown).not.toContain('<at id=ou_x>');
    expect(card).toMatchSnapshot();
  });

  it.each([
    ['approve', 'Approved by Boss (Manager review)', 'Boss 已通过（主管审核）'],
    ['request_changes', 'Changes requested by Boss (Manager review)', 'Boss 已退回修改（主管审核）'],
    ['reject', 'Rejected by Boss (Manager review)', 'Boss 已驳回（主管审核）'],
  ] as const)('a decided card’s title says what was decided and by whom (%s)', (decision, en, zh) => {
    const d = { ...APPROVED, decision };
    const card = both((c) => approvalCard({ outcome: { ...OUTCOME, reviews: [d] }, stage: 'manager', round: 1, decision: d }, c, TRIMS[0]!));
    const title = JSON.stringify((card as { header: unknown }).header);
    expect(title).toContain(en);
    expect(title).toContain(zh);
    expect(title).not.toMatch(/awaiting your review|待你审核/);
  });

  it('the form shows each note next to its field, keeps the values and carries the nonce', () => {
    const card = both((c) => formCard(FORM, c));
    expect(cardProblems(card)).toEqual([]);
    expect(callbackValues(card).map(decodeFormAction)).toEqual([{ a: 'submit', n: 'n0nce' }]);
    const text = json(card);
    expect(text.indexOf('Enter the baseline as a number.')).toBeGreaterThan(text.indexOf('"name":"m0_baseline"'));
    expect(text.indexOf('Enter the baseline as a number.')).toBeLessThan(text.indexOf('"name":"m0_target"'));
    expect(text).toContain('"default_value":"about 45"');
    expect(text).toContain('"initial_option":"ou_boss"');
    expect(countComponents(card)).toBeLessThan(200);
    expect(card).toMatchSnapshot();
  });

  it('the edit form resubmits that outcome and round', () => {
    const card = both((c) => formCard({ ...FORM, errors: [], mode: { kind: 'edit', outcomeId: OUTCOME.id, round: 2, comment: 'Add <the> survey' } }, c));
    expect(callbackValues(card).map(decodeFormAction)).toEqual([{ a: 'resubmit', o: OUTCOME.id, r: 2, n: 'n0nce' }]);
    expect(json(card)).toContain('Add <the> survey'); // plain_text: shown verbatim, never interpreted
  });

  it('member cards: summary, notices (Edit only while changes are awaited), help, list, messages', () => {
    const asked = { ...APPROVED, decision: 'request_changes' as const, comment: 'Add data' };
    const changes = { ...OUTCOME, status: 'changes_requested' as const };
    const cards = [
      both((c) => summaryCard(OUTCOME, c, TRIMS[0]!)),
      both((c) => noticeCard({ outcome: changes, decision: asked, round: 1, due: null }, c)),
      both((c) => noticeCard({ outcome: { ...changes, round: 2 }, decision: asked, round: 1, due: null }, c)),
      both((c) => noticeCard({ outcome: OUTCOME, decision: { ...APPROVED, stage: 'pmo' }, round: 1, due: { text: '2027-03-01', overdue: false, days: 0 } }, c)),
      both((c) => helpCard({ unknown: '*hi*' }, c)),
      both((c) => listCard({ mine: [{ title: 'A', status: 'verified', projectName: 'P', url: 'https://outcome.test/app/outcomes/a' }], awaiting: [], dashboardUrl: 'https://outcome.test/app' }, c)),
      both((c) => messageCard({ title: { key: 'feishu.admin.title' }, template: 'blue', lines: [{ key: 'feishu.admin.show.admins', params: { admins: { at: ['ou_a', 'ou_b'] } } }] }, c)),
    ];
    for (const card of cards) expect(cardProblems(card)).toEqual([]);
    expect(callbackValues(cards[1]).map(decodeAction)).toEqual([{ a: 'edit', o: OUTCOME.id, r: 1 }]);
    expect(callbackValues(cards[2])).toEqual([]);
    expect(json(cards[3])).toContain('2027-03-01');
    expect(json(cards[4])).toContain('&#42;hi&#42;');
    expect(json(cards[6])).toContain('<at id=ou_a></at> <at id=ou_b></at>');
    expect(cards).toMatchSnapshot();
  });

  it('a large outcome fits once trimmed', () => {
    const big = { ...OUTCOME, description: '说明'.repeat(600), evidence: Array.from({ length: 200 }, (_, i) => ({ ...OUTCOME.evidence[0]!, title: `Report ${i}`, url: `https://example.com/${i}/${'x'.repeat(300)}` })) };
    const sizes = TRIMS.map((trim) => cardBytes(both((c) => approvalCard({ outcome: big, stage: 'pmo', round: 1, decision: null }, c, trim))));
    expect(sizes[0]).toBeGreaterThan(30 * 1024);
    expect(sizes.at(-1)).toBeLessThan(30 * 1024);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });
});
