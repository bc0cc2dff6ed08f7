import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { nextWave, nextWaveStart } from './pulse.ts';
import { checkAnswers, parseQuestionLines, questionProblems, questionsFor, type SurveyQuestion } from './survey-questions.ts';
import { pulseTrend, summarizeChoice, summarizeQuestions, summarizeRating, summarizeText, t95 } from './survey-stats.ts';

describe('summarizeRating', () => {
  it('gives the mean and the 95 % t interval on known data', () => {
    // mean 3, s = √2.5 = 1.5811, t(4) = 2.776 → half-width 2.776·1.5811/√5 = 1.963
    expect(summarizeRating([1, 2, 3, 4, 5])).toEqual({ n: 5, hidden: false, mean: 3, interval: { low: 1.04, high: 4.96 }, distribution: [1, 1, 1, 1, 1] });
    // mean 4.25, s = 0.5, t(3) = 3.182 → half-width 0.7955 → [3.45, 5 (clamped from 5.05)]
    expect(summarizeRating([4, 4, 4, 5])).toMatchObject({ mean: 4.25, interval: { low: 3.45, high: 5 } });
  });

  it('collapses to a point when everyone answers alike, and hides below 3 answers', () => {
    expect(summarizeRating([4, 4, 4])).toMatchObject({ mean: 4, interval: { low: 4, high: 4 } });
    expect(summarizeRating([5, 1])).toEqual({ n: 2, hidden: true, mean: null, interval: null, distribution: null });
    expect(summarizeRating([])).toMatchObject({ n: 0, hidden: true });
  });

  it('uses the t table up to 30 degrees of freedom and the expansion after', () => {
    expect(t95(1)).toBe(12.706);
    expect(t95(30)).toBe(2.042);
    expect(t95(60)).toBeCloseTo(2.0003, 3);
    expect(t95(1000)).toBeCloseTo(1.9623, 3);
  });
});

describe('choices, comments and whole surveys', () => {
  it('counts each option; lists comments sorted (no trace of answer order); hides below 3', () => {
    expect(summarizeChoice([0, 2, 2, 1, 2], 3)).toEqual({ n: 5, hidden: false, counts: [1, 1, 3] });
    expect(summarizeChoice([0, 1], 3)).toEqual({ n: 2, hidden: true, counts: null });
    expect(summarizeText(['zeta', 'alpha'], 3)).toEqual({ n: 2, hidden: false, comments: ['alpha', 'zeta'] });
    expect(summarizeText(['only'], 2)).toEqual({ n: 1, hidden: true, comments: null });
  });

  it('summarises each question with its own statistic', () => {
    const qs: SurveyQuestion[] = [{ type: 'nps', text: '' }, { type: 'rating', text: 'Fit' }, { type: 'choice', text: 'Part', choices: ['A', 'B'] }, { type: 'text', text: 'Why' }];
    const r = summarizeQuestions(qs, [
      [10, 5, 0, 'good'],
      [9, 4, 1, null],
      [3, 3, 0, 'slow'],
    ]);
    expect(r.map((x) => x.type)).toEqual(['nps', 'rating', 'choice', 'text']);
    expect(r[0]!.summary).toMatchObject({ n: 3, nps: 33, promoters: 2, detractors: 1 });
    expect(r[1]!.summary).toMatchObject({ n: 3, mean: 4 });
    expect(r[2]!.summary).toMatchObject({ counts: [2, 1] });
    expect(r[3]!.summary).toEqual({ n: 2, hidden: false, comments: ['good', 'slow'] });
  });

  it('gives a pulse’s trend per wave, oldest first, hidden waves as null', () => {
    const qs: SurveyQuestion[] = [{ type: 'nps', text: '' }, { type: 'text', text: 'Why' }];
    const trend = pulseTrend(qs, [
      { wave: 2, responses: [[0, null], [10, null]] },
      { wave: 1, responses: [[10, null], [9, 'x'], [7, null]] },
    ]);
    expect(trend).toEqual([
      { wave: 1, n: 3, values: [67, null] },
      { wave: 2, n: 2, values: [null, null] },
    ]);
  });
});

describe('questions and answers', () => {
  it('reads custom lines and presets', () => {
    expect(parseQuestionLines('nps: Recommend?\nrating： Fit\nchoice: Best | A | B\njust text\n\n')).toEqual([
      { type: 'nps', text: 'Recommend?' },
      { type: 'rating', text: 'Fit' },
      { type: 'choice', text: 'Best', choices: ['A', 'B'] },
      { type: 'text', text: 'just text' },
    ]);
    expect(questionsFor('fit', '').map((q) => q.type)).toEqual(['rating', 'rating', 'text']);
    expect(questionsFor('nps', '', 'Own wording?')).toEqual([{ type: 'nps', text: 'Own wording?' }]);
  });

  it('names every problem of a question list', () => {
    expect(questionProblems([])).toEqual([{ field: 'questions', key: 'survey.questions_count', params: { max: 5 } }]);
    expect(questionProblems([{ type: 'choice', text: 'Q', choices: ['A', 'A'] }, { type: 'rating', text: '' }]).map((p) => [p.field, p.key])).toEqual([
      ['questions.0', 'survey.choices_invalid'],
      ['questions.1', 'survey.question_empty'],
    ]);
  });

  it('checks answers: NPS 0–10, rating 1–5, a choice index, optional text', () => {
    const qs: SurveyQuestion[] = [{ type: 'nps', text: '' }, { type: 'rating', text: 'F' }, { type: 'choice', text: 'C', choices: ['A', 'B'] }, { type: 'text', text: 'T' }];
    expect(checkAnswers(qs, ['10', 1, '1', '  '])).toEqual([10, 1, 1, null]);
    try {
      checkAnswers(qs, ['11', '0', null, 'x']);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).fields.map((f) => [f.field, f.key])).toEqual([
        ['answers.0', 'survey.answer_out_of_range'],
        ['answers.1', 'survey.answer_out_of_range'],
        ['answers.2', 'survey.answer_required'],
      ]);
    }
  });
});

describe('pulse waves', () => {
  const plan = { everyDays: 7, until: new Date('2026-12-10T00:00:00Z') };
  it('starts every N days until the date, keeping the rhythm when a run is late', () => {
    expect(nextWaveStart(new Date('2026-11-23T00:00:00Z'), plan)).toEqual(new Date('2026-11-30T00:00:00Z'));
    expect(nextWaveStart(new Date('2026-12-07T00:00:00Z'), plan)).toBeNull();
    const w = nextWave({ openedAt: new Date('2026-11-23T00:00:00Z'), closesAt: new Date('2026-11-29T00:00:00Z'), wave: 1 }, plan, new Date('2026-11-30T00:00:00Z'), new Date('2026-11-30T05:00:00Z'));
    expect(w).toEqual({ wave: 2, closesAt: new Date('2026-12-06T05:00:00Z'), nextWaveAt: new Date('2026-12-07T00:00:00Z') });
  });
});
