import type { Db } from '../db/client.ts';
import { insertSeedRows, type SeedRows } from '../db/repos/seed-rows.ts';
import { defaultSettings } from '../domain/settings.ts';
import { OUTCOMES, PEOPLE, PROJECTS, SURVEYS, type Text } from './demo-data.ts';

const DAY = 86_400_000;

/** The two demo workspaces: one in Chinese on Feishu, one in English on Slack. */
export const DEMO_WORKSPACES = [
  { tag: 'cn', lang: 'zh' as const, platform: 'feishu' as const, externalId: 'demo_tenant_cn', name: '示例科技（演示）', locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai', user: (k: string) => `ou_demo_${k}` },
  { tag: 'en', lang: 'en' as const, platform: 'slack' as const, externalId: 'TDEMO0001', name: 'Demo Corp', locale: 'en' as const, timeZone: 'America/New_York', user: (k: string) => `UDEMO${k.toUpperCase()}` },
];

/**
 * Fills the database with a realistic demo portfolio in both languages. Every row has a
 * fixed id and is inserted with ON CONFLICT DO NOTHING, so running it again changes nothing
 * (dates stay those of the first run). Returns how many rows each table received.
 */
export async function seedDemo(db: Db, now: Date = new Date()): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  for (const w of DEMO_WORKSPACES) {
    const tx = (t: Text) => t[w.lang];
    const id = (kind: string, key: string) => `demo-${w.tag}-${kind}-${key}`;
    const personId = (k: string) => id('person', k);
    const ws = `demo-${w.tag}`;
    const settings = { ...defaultSettings(w.timeZone, w.locale), pmoReviewers: [w.user('pmo')], admins: [w.user('admin')] };
    const rows: SeedRows = {
      workspaces: [{ id: ws, platform: w.platform, externalId: w.externalId, name: w.name, installedBy: w.user('admin'), settings, createdAt: at(-200) }],
      people: PEOPLE.map((p) => ({ id: personId(p.key), workspaceId: ws, platformUserId: w.user(p.key), name: tx(p.name), locale: w.locale, timeZone: w.timeZone, managerId: p.manager ? personId(p.manager) : null, managerSource: p.manager ? ('manual' as const) : null, createdAt: at(-200) })),
      projects: PROJECTS.map((p) => ({ id: id('project', p.key), workspaceId: ws, name: tx(p.name), ownerId: personId('pmo'), goLiveAt: at(p.goLive), createdAt: at(-200) })),
      outcomes: [],
      metrics: [],
      readings: [],
      reviews: [],
      schedules: [],
      evidence: [],
      surveys: [],
      responses: [],
    };
    const managerOf = (k: string) => PEOPLE.find((p) => p.key === k)?.manager ?? 'admin';
    for (const o of OUTCOMES) {
      const oid = id('outcome', o.key);
      const submitted = at(o.submitted);
      const decided = (stage: number) => new Date(submitted.getTime() + stage * 2 * DAY);
      const last = o.pmo ? decided(2) : o.manager ? decided(1) : submitted;
      rows.outcomes.push({
        id: oid, workspaceId: ws, projectId: id('project', o.project), title: tx(o.title), description: tx(o.description), indicatorClass: o.cls, status: o.status,
        submitterId: personId(o.submitter), ownerId: personId(o.submitter), reviewerId: o.status === 'submitted' ? personId(managerOf(o.submitter)) : null,
        round: 1, dueAt: at(PROJECTS.find((p) => p.key === o.project)!.goLive), cost: o.cost ?? null, benefit: o.benefit ?? null,
        submittedAt: submitted, verifiedAt: o.status === 'verified' ? last : null, createdAt: submitted, updatedAt: last,
      });
      const m = o.metric;
      const mid = id('metric', o.key);
      rows.metrics.push({ id: mid, workspaceId: ws, outcomeId: oid, position: 0, name: tx(m.name), unit: tx(m.unit), direction: m.direction, baseline: m.baseline, target: m.target, actual: m.actual, createdAt: submitted });
      (m.readings ?? []).forEach(([day, value], i) =>
        rows.readings.push({ id: `${mid}-r${i}`, workspaceId: ws, metricId: mid, value, measuredAt: at(day), source: i === 0 ? 'manual' : day > o.submitted ? 'review' : 'api', recordedBy: personId(o.submitter), createdAt: at(day) }),
      );
      const stages = [['manager', o.manager, personId(managerOf(o.submitter)), 1], ['pmo', o.pmo, personId('pmo'), 2]] as const;
      for (const [stage, d, reviewerId, n] of stages) {
        if (!d) continue;
        rows.reviews.push({ id: id(`review-${stage}`, o.key), workspaceId: ws, outcomeId: oid, round: 1, stage, reviewerId, decision: d[0], impact: d[1], difficulty: d[2], innovation: d[3], comment: d[4] ? tx(d[4]) : null, decidedAt: decided(n) });
      }
      if (o.review) {
        rows.schedules.push({ id: id('schedule', o.key), workspaceId: ws, outcomeId: oid, kind: 'first', dueAt: at(o.review.due), status: o.review.status, notifiedAt: o.review.status === 'scheduled' ? null : at(o.review.due), completedAt: o.review.status === 'done' ? at(o.review.due + 2) : null, createdAt: last });
      }
      (o.evidence ?? []).forEach((e, i) =>
        rows.evidence.push({ id: id(`evidence-${i}`, o.key), workspaceId: ws, outcomeId: oid, kind: e.kind, url: e.url ?? null, platformFileId: e.url ? null : w.platform === 'slack' ? `FDEMO${o.key.toUpperCase()}${i}` : `file_v3_demo_${o.key}_${i}`, title: tx(e.title), addedBy: personId(o.submitter), createdAt: submitted }),
      );
    }
    for (const s of SURVEYS) {
      const sid = id('survey', s.key);
      const audience = [...s.scores.map((_, i) => w.user(`r${i}`)), ...(s.open ? PEOPLE.map((p) => w.user(p.key)) : [])];
      rows.surveys.push({ id: sid, workspaceId: ws, projectId: id('project', s.project), question: w.lang === 'zh' ? '您有多大可能向同事推荐这个项目的成果？' : 'How likely are you to recommend this project’s results to a colleague?', kind: s.kind, audience, startedBy: personId('pmo'), status: s.open ? 'open' : 'closed', closesAt: at(s.at + 7), closedAt: s.open ? null : at(s.at + 7), createdAt: at(s.at) });
      s.scores.forEach((score, i) => rows.responses.push({ id: `${sid}-a${i}`, workspaceId: ws, surveyId: sid, respondentId: w.user(`r${i}`), score, answeredAt: at(s.at + 1) }));
    }
    for (const [table, n] of Object.entries(await insertSeedRows(db, rows))) counts[table] = (counts[table] ?? 0) + n;
  }
  return counts;
}
