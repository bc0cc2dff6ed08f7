/**
 * Importing a Feishu tenant's OKR (platform-facts §7.4): its periods, then the objectives and
 * key results of each person here with a Feishu open_id, into cycles, objectives and key
 * results keyed by their Feishu ids (a re-import updates, never duplicates). Everything is
 * read before anything is written: a refusal part-way leaves the local data as it was, and a
 * missing permission is told to the admins once (okr_sync_blocked) instead of failing loudly.
 */
import { okrPeople } from '../db/queries/okr.ts';
import { workspaceById } from '../db/queries/workspaces.ts';
import { writeOkrBlocked, type OkrBlocked } from '../db/repos/okr-blocked.ts';
import { writeOkrImport, type OkrImport } from '../db/repos/okr-repo.ts';
import type { Deps } from '../deps.ts';
import { calendarDate } from '../domain/calendar-date.ts';
import { DomainError } from '../domain/errors.ts';
import { cycleKindOf } from '../domain/okr.ts';
import { feishuClient } from '../feishu/adapter/client.ts';
import { listPeriods, listUserObjectives, OKR_SCOPES, okrFailure, type FeishuObjective, type FeishuPeriod } from '../feishu/okr/okr-api.ts';
import { dateText } from '../views/dates.ts';
import type { OkrActor } from './manage-okr.ts';

export interface ImportReport {
  cycles: number;
  objectives: number;
  keyResults: number;
  /** Set when Feishu refused for want of a permission (nothing was written). */
  blocked: OkrBlocked | null;
}

type ImportDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log'>;

/** Imports the workspace's Feishu OKR (admins and the PMO; Feishu workspaces only). */
export async function importFeishuOkr(deps: ImportDeps, workspaceId: string, actor: OkrActor): Promise<ImportReport> {
  if (!actor.manages) throw new DomainError('forbidden', 'okr.managers_only');
  const ws = await workspaceById(deps.db, workspaceId);
  if (!ws || ws.platform !== 'feishu' || !deps.config.feishu) throw new DomainError('bad_request', 'error.bad_request', { reason: 'Feishu OKR import needs a Feishu workspace' });
  const client = feishuClient(deps);
  let periods: FeishuPeriod[];
  const objectives: { o: FeishuObjective; ownerId: string }[] = [];
  try {
    periods = await listPeriods(client);
    for (const p of await okrPeople(deps.db, workspaceId)) {
      if (!p.platformUserId.startsWith('ou_')) continue;
      for (const o of await personObjectives(client, p.platformUserId)) objectives.push({ o, ownerId: p.id });
    }
  } catch (err) {
    const f = okrFailure(err, [...OKR_SCOPES.import]);
    if (f.kind !== 'blocked') {
      deps.log('warn', 'feishu okr import failed', { workspaceId, error: f.msg });
      throw new DomainError('upstream', 'error.upstream', { platform: 'Feishu OKR' });
    }
    const blocked = { operation: 'import' as const, code: f.code, msg: f.msg, scopes: f.scopes };
    await writeOkrBlocked(deps.db, ws, blocked, deps.clock.now());
    deps.log('warn', 'feishu okr import refused', { workspaceId, code: f.code });
    return { cycles: 0, objectives: 0, keyResults: 0, blocked };
  }
  const data = importRows(periods, objectives, { locale: ws.settings.locale, timeZone: ws.settings.timeZone });
  await writeOkrImport(deps.db, workspaceId, data, deps.clock.now());
  return { cycles: data.cycles.length, objectives: data.objectives.length, keyResults: data.keyResults.length, blocked: null };
}

/** A person's objectives; none for someone Feishu OKR does not know (1001003: e.g. left the tenant). */
async function personObjectives(client: ReturnType<typeof feishuClient>, openId: string): Promise<FeishuObjective[]> {
  try {
    return await listUserObjectives(client, openId, []);
  } catch (err) {
    const f = okrFailure(err, []);
    if (f.kind === 'refused' && f.code === USER_NOT_FOUND) return [];
    throw err;
  }
}
const USER_NOT_FOUND = 1001003;

/** Feishu's periods and objectives as rows: days in the workspace's zone, names in its language; objectives of unknown periods left out. */
export function importRows(periods: FeishuPeriod[], objectives: { o: FeishuObjective; ownerId: string }[], ws: { locale: string; timeZone: string }): OkrImport {
  const day = (ms: number) => calendarDate(dateText(new Date(ms), ws.timeZone));
  const cycles = periods.map((p) => {
    // The end is the period's last instant (or the next one's start): the day before it ends.
    const startsAt = day(p.startMs);
    const endsAt = day(Math.max(p.startMs, p.endMs - 1));
    const name = (ws.locale === 'zh-CN' ? p.zhName || p.enName : p.enName || p.zhName) || p.id;
    return { externalId: p.id, name: name.slice(0, 200), kind: cycleKindOf(startsAt, endsAt), startsAt, endsAt };
  });
  const known = new Set(periods.map((p) => p.id));
  // One person's objective can come back for another (a shared OKR): the first owner keeps it.
  const seen = new Set<string>();
  const kept = objectives.filter(({ o }) => known.has(o.periodId) && !seen.has(o.id) && seen.add(o.id));
  return {
    cycles,
    objectives: kept.map(({ o, ownerId }) => ({ externalId: o.id, cycleExternalId: o.periodId, title: (o.content.trim() || o.id).slice(0, 300), ownerId })),
    keyResults: kept.flatMap(({ o }) => o.krs.map((k) => ({ externalId: k.id, objectiveExternalId: o.id, title: (k.content.trim() || k.id).slice(0, 300) }))),
  };
}
