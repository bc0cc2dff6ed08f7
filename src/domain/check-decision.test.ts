import { beforeEach, describe, expect, it } from 'vitest';
import { checkDecision } from './check-decision.ts';
import { decideOutcome } from './decide-outcome.ts';
import { DomainError } from './errors.ts';
import { InMemoryOutcomeRepo, InMemoryPeopleDirectory } from './in-memory.ts';
import type { PersonRef, VerbContext } from './ports.ts';
import { defaultSettings } from './settings.ts';
import { submitOutcome } from './submit-outcome.ts';

const workspace = { id: 'w1', platform: 'slack' as const, settings: { ...defaultSettings('UTC', 'en'), pmoReviewers: ['UPMO', 'UMANAGER'] } };
let ctx: VerbContext;
let member: PersonRef, manager: PersonRef, pmo: PersonRef, stranger: PersonRef;
let outcomeId: string;

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof DomainError ? e.code : 'thrown'));
const check = (actor: PersonRef, round = 1, stage: 'manager' | 'pmo' = 'manager') => codeOf(checkDecision({ ctx, input: { workspace, outcomeId, actor, round, stage } }));
const approve = (actor: PersonRef, stage?: 'manager' | 'pmo') =>
  decideOutcome({ ctx, input: { workspace, outcomeId, actor, decision: 'approve', scores: { impact: 3, difficulty: 3, innovation: 3 }, round: 1, stage } });

beforeEach(async () => {
  const people = new InMemoryPeopleDirectory();
  const add = (id: string) => people.add('w1', { id, address: `U${id.toUpperCase()}`, timeZone: null, locale: null });
  [member, manager, pmo, stranger] = ['member', 'manager', 'pmo', 'stranger'].map(add) as [PersonRef, PersonRef, PersonRef, PersonRef];
  let n = 0;
  const outcomes = new InMemoryOutcomeRepo();
  outcomes.projects.add('p1');
  ctx = { clock: { now: () => new Date('2026-11-23T01:00:00Z') }, outcomes, people, newId: () => `o${++n}`, via: 'chat' as const };
  const draft = {
    title: 'Faster triage',
    description: 'Cut the average outpatient waiting time by reworking triage.',
    indicatorClass: 'impact' as const,
    projectId: 'p1',
    ownerId: member.id,
    dueDate: new Date('2026-12-01T00:00:00Z'),
    metrics: [{ name: 'Wait', unit: 'min', direction: 'decrease' as const, baseline: 45, target: 28 }],
    evidence: [],
  };
  ({ outcomeId } = await submitOutcome({ ctx, input: { workspace, submitter: member, reviewer: manager, draft } }));
});

describe('checkDecision', () => {
  it('lets the assigned reviewer through and names the outcome', async () => {
    expect(await checkDecision({ ctx, input: { workspace, outcomeId, actor: manager, round: 1, stage: 'manager' } })).toEqual({ title: 'Faster triage' });
  });

  it('refuses others, the submitter, stale rounds and stale stages, like decideOutcome', async () => {
    expect(await check(stranger)).toBe('not_assigned_reviewer');
    expect(await check(member)).toBe('self_review');
    expect(await check(manager, 2)).toBe('already_decided');
    expect(await check(manager, 1, 'pmo')).toBe('already_decided');
    expect(await codeOf(checkDecision({ ctx, input: { workspace, outcomeId: 'nope', actor: manager, round: 1, stage: 'manager' } }))).toBe('not_found');
  });

  it('moves to the PMO stage after the manager approves', async () => {
    await approve(manager);
    expect(await check(manager)).toBe('already_decided');
    expect(await check(pmo, 1, 'pmo')).toBe('ok');
    expect(await check(stranger, 1, 'pmo')).toBe('not_assigned_reviewer');
  });
});

describe('decideOutcome with the card’s stage', () => {
  it('does not let a manager who is also PMO decide stage 2 by clicking the stage-1 card twice', async () => {
    await approve(manager, 'manager');
    expect(await codeOf(approve(manager, 'manager'))).toBe('already_decided');
    expect(await codeOf(approve(manager, 'pmo'))).toBe('ok');
  });
});
