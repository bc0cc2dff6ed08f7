import { describe, expect, it } from 'vitest';
import { cardContext } from '../../src/views/card-context.ts';
import { checkView } from '../../test/fakes/slack/view-rules.ts';
import type { NpsSummaryView, SurveyView } from '../view.ts';
import type { SlackBlock } from './blocks.ts';
import { renderHome, type HomeProps } from './home.ts';

const en = cardContext('en', 'https://outcome.example.com');
const zh = cardContext('zh-CN', 'https://outcome.example.com');
const long = (n: number) => 'x'.repeat(n);
const UNTRANSLATED = /\b(card|slack|survey|nps|status|stage|error)\.[a-z_]+(\.[a-z_]+)*\b/;

const survey: SurveyView = { id: 's-1', question: 'Recommend?', projectName: 'Clinic triage', kind: 'follow_up', status: 'closed', closesText: '2026-12-01 18:00', myScore: null, questions: [{ type: 'nps', text: 'Recommend?', choices: [] }], form: false, anonymous: false, wave: null };
const shown: NpsSummaryView = { n: 12, hidden: false, nps: 42, interval: { low: 5, high: 79 }, promoters: 7, passives: 2, detractors: 3, distribution: [0, 0, 1, 0, 1, 0, 1, 1, 1, 3, 4] };
const hidden: NpsSummaryView = { n: 2, hidden: true, nps: null, interval: null, promoters: null, passives: null, detractors: null, distribution: null };
const empty: HomeProps = { mine: [], awaiting: [], dueReviews: [], dashboardUrl: 'https://outcome.example.com/app' };
const blocksOf = (home: SlackBlock) => home.blocks as SlackBlock[];
const npsSection = (home: SlackBlock) => JSON.stringify(blocksOf(home).at(-1));

describe('the Home tab’s latest NPS', () => {
  it('shows the project, the kind, n and the score with its interval, in both languages', () => {
    const home = renderHome(en, { ...empty, latestNps: { survey, summary: shown, minResponses: 3 } });
    expect(npsSection(home)).toContain('*Latest NPS*\\nClinic triage · Follow-up (after go-live) · 12 answers\\nNPS *42* (95% interval 5 to 79)');
    const zhHome = renderHome(zh, { ...empty, latestNps: { survey: { ...survey, kind: 'baseline' }, summary: shown, minResponses: 3 } });
    expect(zhHome).toMatchSnapshot();
    for (const h of [home, zhHome]) {
      expect(checkView(h, 'home')).toEqual({ messages: [] });
      expect(JSON.stringify(h)).not.toMatch(UNTRANSLATED);
    }
  });

  it('hides the score below three answers, saying why', () => {
    const home = renderHome(en, { ...empty, latestNps: { survey, summary: hidden, minResponses: 3 } });
    expect(npsSection(home)).toContain('2 answers');
    expect(npsSection(home)).toContain('Results are hidden until at least 3 people have answered');
    expect(npsSection(home)).not.toContain('NPS *');
  });

  it('adds nothing when there is no closed survey', () => {
    expect(JSON.stringify(renderHome(en, { ...empty, latestNps: null }))).not.toContain('Latest NPS');
    expect(renderHome(en, { ...empty, latestNps: null })).toEqual(renderHome(en, empty));
  });

  it('keeps the fullest Home tab (every list full, a long project name) within Slack’s limits', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ id: `o-${i}`, title: long(150), status: 'submitted', projectName: long(100), round: 1, stage: 'pmo' as const }));
    const latestNps = { survey: { ...survey, projectName: long(300) }, summary: shown, minResponses: 3 };
    const home = renderHome(zh, { mine: items, awaiting: items, dueReviews: items.map((o) => ({ outcomeId: o.id, title: o.title, dueText: '2026-04-06', scheduleId: 'r', recordable: true })), latestNps, dashboardUrl: empty.dashboardUrl });
    expect(checkView(home, 'home')).toEqual({ messages: [] });
    expect(blocksOf(home).length).toBeLessThanOrEqual(100);
  });
});
