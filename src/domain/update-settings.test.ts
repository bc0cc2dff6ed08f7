import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { InMemoryOutcomeRepo, InMemoryPeopleDirectory } from './in-memory.ts';
import { defaultSettings, withDefaults, type WorkspaceSettingsShape } from './settings.ts';
import { updateSettings, validateSettings } from './update-settings.ts';

let outcomes: InMemoryOutcomeRepo;
const base = { ...defaultSettings('UTC', 'en'), admins: ['UADMIN', 'UOTHER'] };
const workspace = { id: 'w1', platform: 'feishu' as const, settings: base };
const admin = { id: 'admin', address: 'UADMIN', isPlatformAdmin: false };
const ctxOf = (repo: InMemoryOutcomeRepo) => ({ clock: { now: () => new Date('2026-11-23T01:00:00Z') }, outcomes: repo, people: new InMemoryPeopleDirectory(), newId: () => 'x', via: 'chat' as const });
const stored = () => JSON.parse(outcomes.settings.get('w1')!) as WorkspaceSettingsShape;
const update = (patch: Partial<WorkspaceSettingsShape>, actor = admin, repo = outcomes) => updateSettings({ ctx: ctxOf(repo), input: { workspace, installedBy: null, actor, patch } });
const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof DomainError ? `${e.code}${e.fields.map((f) => ` ${f.field}:${f.key}`).join('')}` : Promise.reject(e)));

beforeEach(() => {
  outcomes = new InMemoryOutcomeRepo();
  outcomes.settings.set('w1', JSON.stringify(base));
});

describe('updateSettings', () => {
  it('refuses a non-admin in the verb itself, changing nothing', async () => {
    expect(await codeOf(update({ reminderAfterDays: 5 }, { id: 'm', address: 'UMEMBER', isPlatformAdmin: false }))).toBe('forbidden');
    expect(stored()).toEqual(base);
    expect(outcomes.audit).toEqual([]);
  });

  it('audits each write with the actor', async () => {
    await update({ reminderAfterDays: 5 });
    expect(outcomes.audit).toEqual([expect.objectContaining({ entity: 'workspace', action: 'settings:reminderAfterDays', actorId: 'admin', comment: '{"reminderAfterDays":5}' })]);
  });

  it('two concurrent edits of different keys both survive', async () => {
    // Both admins started from the same settings; neither write may erase the other.
    const [a, b] = await Promise.all([update({ reminderAfterDays: 5 }), update({ shortfallThreshold: 0.3 }, { ...admin, id: 'other', address: 'UOTHER' })]);
    expect(stored()).toMatchObject({ reminderAfterDays: 5, shortfallThreshold: 0.3 });
    expect([a.reminderAfterDays, b.shortfallThreshold]).toEqual([5, 0.3]);
    expect(outcomes.audit.map((e) => e.actorId).sort()).toEqual(['admin', 'other']);
  });

  it('a write that lost the compare-and-set is re-applied to the fresh settings', async () => {
    // A repo whose first save loses to a concurrent write landing just before it.
    const racing = new InMemoryOutcomeRepo();
    racing.settings.set('w1', JSON.stringify(base));
    const save = racing.saveSettings.bind(racing);
    let raced = false;
    racing.saveSettings = async (id, version, settings, audit) => {
      if (!raced) {
        raced = true;
        racing.settings.set('w1', JSON.stringify({ ...base, timeZone: 'Asia/Shanghai' }));
      }
      return save(id, version, settings, audit);
    };
    await update({ reminderAfterDays: 4 }, admin, racing);
    expect(JSON.parse(racing.settings.get('w1')!)).toMatchObject({ reminderAfterDays: 4, timeZone: 'Asia/Shanghai' });
    expect(racing.audit).toHaveLength(1);
  });

  it('the same key edited concurrently: the later write wins, both are audited', async () => {
    await Promise.all([update({ reminderAfterDays: 5 }), update({ reminderAfterDays: 6 }, { ...admin, id: 'other', address: 'UOTHER' })]);
    expect(stored().reminderAfterDays).toBe(outcomes.audit.at(-1)!.actorId === 'other' ? 6 : 5);
    expect(outcomes.audit).toHaveLength(2);
  });
});

describe('escalationAfterDays', () => {
  it('defaults to 7, and settings stored without it read as 7', () => {
    expect(defaultSettings('UTC', 'en').escalationAfterDays).toBe(7);
    const { escalationAfterDays: _e, ...old } = base;
    expect(withDefaults(old).escalationAfterDays).toBe(7);
  });

  it('is never shorter than the reminder, judged against the stored other', async () => {
    expect(validateSettings({ escalationAfterDays: 2 }, base)).toEqual([{ field: 'escalationAfterDays', key: 'settings.escalation_before_reminder', params: { reminder: 3, escalation: 2 } }]);
    expect(validateSettings({ reminderAfterDays: 8 }, base)).toEqual([expect.objectContaining({ field: 'reminderAfterDays', key: 'settings.escalation_before_reminder' })]);
    expect(validateSettings({ escalationAfterDays: 3 }, base)).toEqual([]);
    expect(await codeOf(update({ reminderAfterDays: 10 }))).toBe('validation_failed reminderAfterDays:settings.escalation_before_reminder');
    expect(await codeOf(update({ reminderAfterDays: 10, escalationAfterDays: 12 }))).toBe('ok');
    expect(stored()).toMatchObject({ reminderAfterDays: 10, escalationAfterDays: 12 });
  });

  it('is a whole number of days from 1 to 60', () => {
    for (const bad of [0, 61, 1.5, Number.NaN]) expect(validateSettings({ escalationAfterDays: bad })).toEqual([{ field: 'escalationAfterDays', key: 'settings.days_invalid', params: { min: 1, max: 60 } }]);
  });
});

describe('approval reminder and escalation delays', () => {
  it('default to 2 and 5 working days, also for settings stored without them', () => {
    expect(defaultSettings('UTC', 'en')).toMatchObject({ approvalReminderDays: 2, approvalEscalationDays: 5 });
    const { approvalReminderDays: _r, approvalEscalationDays: _e, ...old } = base;
    expect(withDefaults(old)).toMatchObject({ approvalReminderDays: 2, approvalEscalationDays: 5 });
  });

  it('never escalate before the reminder, and are whole days in range', () => {
    expect(validateSettings({ approvalEscalationDays: 1 }, base)).toEqual([{ field: 'approvalEscalationDays', key: 'settings.escalation_before_reminder', params: { reminder: 2, escalation: 1 } }]);
    expect(validateSettings({ approvalReminderDays: 6 }, base)).toEqual([expect.objectContaining({ field: 'approvalReminderDays', key: 'settings.escalation_before_reminder' })]);
    expect(validateSettings({ approvalReminderDays: 0 })).toEqual([{ field: 'approvalReminderDays', key: 'settings.days_invalid', params: { min: 1, max: 30 } }]);
    expect(validateSettings({ approvalEscalationDays: 61 })).toEqual([{ field: 'approvalEscalationDays', key: 'settings.days_invalid', params: { min: 1, max: 60 } }]);
  });
});
