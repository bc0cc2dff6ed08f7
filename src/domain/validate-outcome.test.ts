import { describe, expect, it } from 'vitest';
import { validDraft } from '../../test/helpers/outcome-flow-contract.ts';
import { InMemoryOutcomeRepo, InMemoryPeopleDirectory } from './in-memory.ts';
import { defaultSettings } from './settings.ts';
import { validateOutcome } from './validate-outcome.ts';

const outcomes = new InMemoryOutcomeRepo();
outcomes.projects.add('p1');
const people = new InMemoryPeopleDirectory();
const member = people.add('w1', { id: 'member', address: 'UM', timeZone: null, locale: null });
const manager = people.add('w1', { id: 'manager', address: 'UMGR', timeZone: null, locale: null });
people.add('w2', { id: 'outsider', address: 'UX', timeZone: null, locale: null });
const workspace = { id: 'w1', platform: 'feishu' as const, settings: defaultSettings('UTC', 'en') };
const fields = async (over: Parameters<typeof validDraft>[1], reviewer = manager) =>
  (await validateOutcome({ outcomes, people }, workspace, member, reviewer, validDraft({ projectId: 'p1', member }, over))).map((f) => `${f.field}:${f.key}`);

describe('validateOutcome: what only the domain can know, as field errors', () => {
  it('a valid draft has none', async () => {
    expect(await fields({})).toEqual([]);
  });
  it('a project of another workspace (a forged form value) is refused on projectId', async () => {
    expect(await fields({ projectId: 'p-elsewhere' })).toEqual(['projectId:smart.project_required']);
  });
  it('an owner of another workspace is refused on ownerId', async () => {
    expect(await fields({ ownerId: 'outsider' })).toEqual(['ownerId:smart.owner_required']);
  });
  it('the submitter cannot be the reviewer', async () => {
    expect(await fields({}, member)).toEqual(['reviewerId:smart.reviewer_is_self']);
  });
});
