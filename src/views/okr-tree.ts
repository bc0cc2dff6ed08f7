/**
 * The OKR roll-up tree (cycle → objectives nested by parent → key results → linked
 * outcomes) with every score, band and ROI, once for the web page and the API.
 */
import type { OkrRows } from '../db/queries/okr.ts';
import { keyResultScore, objectiveScoreOf, outcomeAttainment, rollupRoi, scoreBand, wouldLoop, type KrScoreSource, type RoiRollup, type ScoreBand } from '../domain/okr.ts';

export interface OutcomeLeaf {
  id: string;
  title: string;
  status: string;
  /** Null when no metric is measured yet. */
  attainment: number | null;
  /** False when the reader may not open it: the tree counts it but does not name it. */
  visible: boolean;
}

export interface KeyResultNode {
  id: string;
  title: string;
  kind: 'metric' | 'milestone';
  score: number | null;
  band: ScoreBand | null;
  source: KrScoreSource;
  /** Outcomes the derived score came from. */
  derivedFrom: number;
  /** The score set by hand, if any (the edit form starts from it). */
  manualScore: number | null;
  externalId: string | null;
  outcomes: OutcomeLeaf[];
}

export interface ObjectiveNode {
  id: string;
  title: string;
  ownerId: string | null;
  ownerName: string | null;
  parentId: string | null;
  cycleId: string | null;
  externalId: string | null;
  /** Mean of its key results' scores. */
  score: number | null;
  band: ScoreBand | null;
  /** Over the outcomes linked to its key results and to those of the objectives below it. */
  roi: RoiRollup;
  keyResults: KeyResultNode[];
  children: ObjectiveNode[];
}

export interface CycleNode {
  /** Null for objectives that belong to no cycle. */
  id: string | null;
  name: string | null;
  kind: 'quarter' | 'half' | 'year' | null;
  startsAt: Date | null;
  endsAt: Date | null;
  externalId: string | null;
  objectives: ObjectiveNode[];
}

/** Builds the tree from the rows of {@link loadOkrRows}. */
export function okrTree(rows: OkrRows): CycleNode[] {
  const metricsOf = group(rows.metrics, (m) => m.outcomeId);
  const outcomesOf = group(rows.outcomes, (o) => o.keyResultId!);
  const krsOf = group(rows.keyResults, (k) => k.objectiveId);
  const money = new Map<string, { cost: number | null; benefit: number | null }[]>();

  const krNode = (k: OkrRows['keyResults'][number]): KeyResultNode => {
    const leaves = (outcomesOf.get(k.id) ?? []).map((o) => ({ id: o.id, title: o.visible ? o.title : '', status: o.status, attainment: outcomeAttainment(metricsOf.get(o.id) ?? []), visible: o.visible }));
    const s = keyResultScore(k.score, leaves.map((l) => l.attainment));
    return { id: k.id, title: k.title, kind: k.kind, score: s.score, band: scoreBand(s.score), source: s.source, derivedFrom: s.outcomes, manualScore: k.score, externalId: k.externalId, outcomes: leaves };
  };

  // Roots: no parent, or a parent in another cycle (shown under its own cycle; the API still gives parent_id).
  const ids = new Set(rows.objectives.map((o) => o.id));
  const cycleOf = new Map(rows.objectives.map((o) => [o.id, o.cycleId]));
  const parents = new Map(rows.objectives.map((o) => [o.id, o.parentId]));
  // One in a parent loop (written behind the app's back) stands at the top rather than vanish.
  const isRoot = (o: OkrRows['objectives'][number]) => !o.parentId || !ids.has(o.parentId) || cycleOf.get(o.parentId) !== o.cycleId || wouldLoop(o.id, o.parentId, parents);
  const childrenOf = group(rows.objectives.filter((o) => !isRoot(o)), (o) => o.parentId!);
  const objNode = (o: OkrRows['objectives'][number]): ObjectiveNode => {
    const krs = (krsOf.get(o.id) ?? []).map(krNode);
    const own = krs.flatMap((k) => (outcomesOf.get(k.id) ?? []).map((x) => ({ cost: x.cost, benefit: x.benefit })));
    const children = (childrenOf.get(o.id) ?? []).map(objNode);
    const all = [...own, ...children.flatMap((c) => money.get(c.id) ?? [])];
    money.set(o.id, all);
    const score = objectiveScoreOf(krs);
    return { id: o.id, title: o.title, ownerId: o.ownerId, ownerName: o.ownerName, parentId: o.parentId, cycleId: o.cycleId, externalId: o.externalId, score, band: scoreBand(score), roi: rollupRoi(all), keyResults: krs, children };
  };

  const rootsOf = group(rows.objectives.filter(isRoot), (o) => o.cycleId ?? '');
  const nodes: CycleNode[] = rows.cycles.map((c) => ({ id: c.id, name: c.name, kind: c.kind, startsAt: c.startsAt, endsAt: c.endsAt, externalId: c.externalId, objectives: (rootsOf.get(c.id) ?? []).map(objNode) }));
  const loose = rootsOf.get('') ?? [];
  if (loose.length) nodes.push({ id: null, name: null, kind: null, startsAt: null, endsAt: null, externalId: null, objectives: loose.map(objNode) });
  return nodes;
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}
