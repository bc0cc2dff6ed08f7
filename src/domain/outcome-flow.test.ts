import { defaultSettings } from './settings.ts';
import { InMemoryOutcomeRepo, InMemoryPeopleDirectory } from './in-memory.ts';
import { outcomeFlowContract } from '../../test/helpers/outcome-flow-contract.ts';

outcomeFlowContract('the in-memory twin', async () => {
  const outcomes = new InMemoryOutcomeRepo();
  const people = new InMemoryPeopleDirectory();
  const workspace = { id: 'w1', platform: 'slack' as const, settings: { ...defaultSettings('Asia/Shanghai', 'en'), pmoReviewers: ['UPMO'] } };
  const person = (id: string, address: string) => people.add('w1', { id, address, timeZone: null, locale: null });
  const goLive = new Date('2026-01-05T02:00:00Z');
  outcomes.goLive.set('p1', goLive);
  outcomes.settings.set('w1', JSON.stringify(workspace.settings));
  let n = 0;
  return {
    ctx: { clock: { now: () => new Date('2026-11-23T01:00:00Z') }, outcomes, people, newId: () => `o${++n}`, via: 'chat' as const },
    workspace,
    member: person('member', 'UMEMBER'),
    manager: person('manager', 'UMANAGER'),
    pmo: person('pmo', 'UPMO'),
    stranger: person('stranger', 'USTRANGER'),
    projectId: 'p1',
    goLive,
    counts: async () => ({ outcomes: outcomes.outcomes.size, reviews: outcomes.reviews.length, notifications: outcomes.notifications.length, audit: outcomes.audit.length, schedules: outcomes.schedules.length }),
    notifications: async () => outcomes.notifications.map((x) => ({ kind: x.kind, address: x.to.address })),
    schedules: async () => outcomes.schedules.map(({ kind, dueAt }) => ({ kind, dueAt })),
  };
});
