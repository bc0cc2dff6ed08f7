import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { PeopleDirectory, PersonRef } from '../../domain/ports.ts';
import { inChunks, MAX_BOUND_PARAMS, type Db } from '../client.ts';
import { personByAddress } from '../queries/people.ts';
import { auditLog, people } from '../schema/index.ts';

export interface PersonProfile {
  platformUserId: string;
  name?: string;
  email?: string | null;
  locale?: 'zh-CN' | 'en' | null;
  timeZone?: string | null;
  /** What the platform's directory said about the person being its admin. */
  platformAdmin?: boolean;
}

type Row = typeof people.$inferSelect;
/** A person row as the domain sees it. */
export const toRef = (p: Row): PersonRef => ({ id: p.id, address: p.platformUserId, timeZone: p.timeZone, locale: p.locale, managerId: p.managerId });

/** People of a workspace, keyed by their platform user id; created on first sight. */
export function createPeopleRepo(db: Db) {
  /** Ensures each platform user id has a person row and returns them all (in input order). */
  async function ensure(workspaceId: string, profiles: PersonProfile[]): Promise<Row[]> {
    if (profiles.length === 0) return [];
    const fresh = profiles.map((p) => ({ workspaceId, platformUserId: p.platformUserId, name: p.name ?? '', email: p.email ?? null, locale: p.locale ?? null, timeZone: p.timeZone ?? null }));
    for (const chunk of inChunks(people, fresh)) await db.insert(people).values(chunk).onConflictDoNothing();
    const ids = profiles.map((p) => p.platformUserId);
    const byId = new Map<string, Row>();
    // Read back in slices too: D1 binds at most 100 parameters, ids included.
    for (let i = 0; i < ids.length; i += MAX_BOUND_PARAMS - 1) {
      const slice = ids.slice(i, i + MAX_BOUND_PARAMS - 1);
      for (const r of await db.select().from(people).where(and(eq(people.workspaceId, workspaceId), inArray(people.platformUserId, slice)))) byId.set(r.platformUserId, r);
    }
    return ids.map((id) => byId.get(id)!);
  }

  const directory: PeopleDirectory = {
    async person(workspaceId, personId) {
      const [p] = await db
        .select()
        .from(people)
        .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
      return p ? toRef(p) : null;
    },
    async away(workspaceId: string, personId: string) {
      const [p] = await db
        .select({ delegateId: people.delegateId, awayFrom: people.awayFrom, awayUntil: people.awayUntil })
        .from(people)
        .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
      return p ?? null;
    },
    async pmo(workspace) {
      const ids = workspace.settings.pmoReviewers;
      // Read first: every approval asks, and the PMO's rows exist after the first time.
      const known = ids.length ? await db.select().from(people).where(and(eq(people.workspaceId, workspace.id), inArray(people.platformUserId, ids.slice(0, MAX_BOUND_PARAMS - 1)))) : [];
      const rows = known.length === ids.length ? ids.map((id) => known.find((r) => r.platformUserId === id)!) : await ensure(workspace.id, ids.map((platformUserId) => ({ platformUserId })));
      return { reviewers: rows.map(toRef), channel: workspace.settings.pmoChannel };
    },
    async saveManagers(workspaceId, changes, audit) {
      const at = audit[0]?.at ?? new Date();
      const statements: BatchItem<'sqlite'>[] = [
        ...changes.map((c) =>
          db
            .update(people)
            .set({ managerId: c.managerId, managerSource: c.managerId ? 'manual' : null, updatedAt: at })
            .where(and(eq(people.workspaceId, workspaceId), eq(people.id, c.personId))),
        ),
        ...audit.map((a) => db.insert(auditLog).values({ ...a, workspaceId })),
      ];
      if (statements.length) await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    },
  };

  return {
    ...directory,
    ensure,
    /** One person by platform user id, or null when not seen yet (a read, no write). */
    async byPlatformId(workspaceId: string, platformUserId: string): Promise<(PersonRef & { name: string }) | null> {
      const p = await personByAddress(db, workspaceId, platformUserId);
      return p ? { ...toRef(p), name: p.name } : null;
    },
    /** One person by platform user id, created if new, profile fields refreshed when given. */
    async upsert(workspaceId: string, profile: PersonProfile): Promise<PersonRef> {
      await db
        .insert(people)
        .values({ workspaceId, platformUserId: profile.platformUserId, name: profile.name ?? '', email: profile.email ?? null, locale: profile.locale ?? null, timeZone: profile.timeZone ?? null, platformAdmin: profile.platformAdmin ?? null })
        .onConflictDoUpdate({
          target: [people.workspaceId, people.platformUserId],
          set: {
            ...(profile.name !== undefined ? { name: profile.name } : {}),
            ...(profile.locale !== undefined ? { locale: profile.locale } : {}),
            ...(profile.timeZone !== undefined ? { timeZone: profile.timeZone } : {}),
            ...(profile.platformAdmin !== undefined ? { platformAdmin: profile.platformAdmin } : {}),
            updatedAt: new Date(),
          },
        });
      const [row] = await ensure(workspaceId, [profile]);
      return toRef(row!);
    },
    /**
     * Sets a person's manager (org chart or an admin's mapping). An org-chart write never
     * replaces a manual mapping: it is checked in the UPDATE itself, because the org chart is
     * read (a contact API call) between the caller's look at the person and this write.
     */
    async setManager(workspaceId: string, personId: string, managerId: string | null, source: 'org_chart' | 'manual') {
      const notManual = source === 'org_chart' ? or(isNull(people.managerSource), ne(people.managerSource, 'manual')) : undefined;
      await db
        .update(people)
        .set({ managerId, managerSource: managerId ? source : null, updatedAt: new Date() })
        .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId), notManual));
    },
  };
}

export type PeopleRepo = ReturnType<typeof createPeopleRepo>;
