import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { InMemoryOutcomeRepo, InMemoryPeopleDirectory } from './in-memory.ts';
import { setManager } from './set-manager.ts';
import { defaultSettings } from './settings.ts';

let people: InMemoryPeopleDirectory;
let ctx: { clock: { now: () => Date }; outcomes: InMemoryOutcomeRepo; people: InMemoryPeopleDirectory; newId: () => string; via: 'chat' };
const workspace = { id: 'w1', platform: 'slack' as const, settings: { ...defaultSettings('UTC', 'en'), admins: ['UADMIN'] } };
const admin = { id: 'admin', address: 'UADMIN', isPlatformAdmin: false };

beforeEach(() => {
  people = new InMemoryPeopleDirectory();
  for (const id of ['a', 'b', 'c', 'd', 'admin']) people.add('w1', { id, address: `U${id.toUpperCase()}`, timeZone: null, locale: null });
  people.add('w2', { id: 'elsewhere', address: 'UX', timeZone: null, locale: null });
  ctx = { clock: { now: () => new Date('2026-11-23T01:00:00Z') }, outcomes: new InMemoryOutcomeRepo(), people, newId: () => 'x', via: 'chat' as const };
});

const set = (changes: { personId: string; managerId: string | null }[], actor = admin) => setManager({ ctx, input: { workspace, installedBy: 'UINSTALLER', actor, changes } });
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, fields: e.fields.map((f) => `${f.field}:${f.key}`) };
    throw e;
  }
  return null;
};
const managerOf = async (id: string) => (await people.person('w1', id))?.managerId ?? null;

describe('setManager', () => {
  it('maps a manager and audits it with the actor', async () => {
    await set([{ personId: 'a', managerId: 'b' }]);
    expect(await managerOf('a')).toBe('b');
    expect(people.audit).toEqual([expect.objectContaining({ entity: 'person', entityId: 'a', action: 'set_manager', actorId: 'admin', comment: 'b' })]);
  });

  it('refuses a non-admin, changing nothing', async () => {
    expect(await refusal(set([{ personId: 'a', managerId: 'b' }], { id: 'c', address: 'UC', isPlatformAdmin: false }))).toEqual({ code: 'forbidden', fields: [] });
    expect(await managerOf('a')).toBeNull();
    expect(people.audit).toEqual([]);
  });

  it('accepts the installer and platform admins', async () => {
    await set([{ personId: 'a', managerId: 'b' }], { id: 'c', address: 'UINSTALLER', isPlatformAdmin: false });
    await set([{ personId: 'c', managerId: 'b' }], { id: 'd', address: 'UD', isPlatformAdmin: true });
    expect([await managerOf('a'), await managerOf('c')]).toEqual(['b', 'b']);
  });

  it('refuses self-management', async () => {
    expect(await refusal(set([{ personId: 'a', managerId: 'a' }]))).toEqual({ code: 'validation_failed', fields: ['managers.a:manager.self'] });
  });

  it('refuses unknown people, including people of another workspace', async () => {
    expect(await refusal(set([{ personId: 'a', managerId: 'nobody' }]))).toEqual({ code: 'validation_failed', fields: ['managers.a:manager.unknown'] });
    expect(await refusal(set([{ personId: 'a', managerId: 'elsewhere' }]))).toEqual({ code: 'validation_failed', fields: ['managers.a:manager.unknown'] });
    expect(await refusal(set([{ personId: 'ghost', managerId: 'a' }]))).toEqual({ code: 'validation_failed', fields: ['managers.ghost:manager.unknown'] });
  });

  it('refuses a two-person loop and a longer one, writing nothing', async () => {
    await set([{ personId: 'a', managerId: 'b' }]);
    expect(await refusal(set([{ personId: 'b', managerId: 'a' }]))).toEqual({ code: 'validation_failed', fields: ['managers.b:manager.cycle'] });
    await set([{ personId: 'b', managerId: 'c' }]);
    await set([{ personId: 'c', managerId: 'd' }]);
    expect(await refusal(set([{ personId: 'd', managerId: 'a' }]))).toEqual({ code: 'validation_failed', fields: ['managers.d:manager.cycle'] });
    expect(await managerOf('d')).toBeNull();
    expect(people.audit).toHaveLength(3);
  });

  it('judges several changes together: a loop made by two of them is refused', async () => {
    expect(await refusal(set([{ personId: 'a', managerId: 'b' }, { personId: 'b', managerId: 'a' }]))).toMatchObject({ code: 'validation_failed' });
    expect([await managerOf('a'), await managerOf('b')]).toEqual([null, null]);
    // Breaking a chain and re-linking it in one go is fine.
    await set([{ personId: 'a', managerId: 'b' }]);
    await set([{ personId: 'a', managerId: null }, { personId: 'b', managerId: 'a' }]);
    expect([await managerOf('a'), await managerOf('b')]).toEqual([null, 'a']);
  });
});
