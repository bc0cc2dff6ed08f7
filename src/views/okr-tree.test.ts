import { describe, expect, it } from 'vitest';
import type { OkrRows } from '../db/queries/okr.ts';
import { okrTree } from './okr-tree.ts';

const at = new Date('2026-10-01T00:00:00Z');
const cycle = (id: string) => ({ id, workspaceId: 'w', name: id, kind: 'quarter' as const, startsAt: at, endsAt: at, externalId: null, createdAt: at, updatedAt: null });
const objective = (id: string, cycleId: string | null, parentId: string | null = null) => ({ id, workspaceId: 'w', title: id, period: null, ownerId: null, ownerName: null, cycleId, parentId, externalId: null, createdAt: at, updatedAt: null });
const kr = (id: string, objectiveId: string, score: number | null = null) => ({ id, workspaceId: 'w', objectiveId, title: id, kind: 'metric' as const, score, externalId: null, createdAt: at, updatedAt: null });
const outcome = (id: string, keyResultId: string, money: { cost: number | null; benefit: number | null } = { cost: null, benefit: null }) => ({ id, title: id, status: 'verified' as const, keyResultId, ...money, visible: true });

describe('okrTree', () => {
  it('nests objectives by parent within a cycle, and rolls ROI up from the children', () => {
    const rows: OkrRows = {
      cycles: [cycle('q4'), cycle('q3')],
      objectives: [objective('top', 'q4'), objective('child', 'q4', 'top'), objective('grandchild', 'q4', 'child'), objective('elsewhere', 'q3', 'top'), objective('loose', null)],
      keyResults: [kr('k-top', 'top', 0.9), kr('k-grand', 'grandchild'), kr('k-else', 'elsewhere')],
      outcomes: [outcome('o1', 'k-grand', { cost: 100, benefit: 300 }), outcome('o2', 'k-top', { cost: 50, benefit: null }), outcome('o3', 'k-else', { cost: 10, benefit: 20 })],
      metrics: [{ outcomeId: 'o1', baseline: 0, target: 10, actual: 5 }],
    };
    const tree = okrTree(rows);
    expect(tree.map((c) => c.id)).toEqual(['q4', 'q3', null]);
    const top = tree[0]!.objectives[0]!;
    expect(top.children[0]!.children[0]!.id).toBe('grandchild');
    // Its own 0.9, set by hand; the grandchild's derived 0.5 from one outcome.
    expect(top.score).toBe(0.9);
    expect(top.children[0]!.children[0]!.keyResults[0]).toMatchObject({ score: 0.5, source: 'derived', derivedFrom: 1, band: 'yellow' });
    // ROI counts the grandchild's outcome (cost and benefit), not o2 (no benefit) nor the other cycle's.
    expect(top.roi).toEqual({ cost: 100, benefit: 300, roi: 2, outcomes: 1 });
    // A child in another cycle stands at the top of its own cycle; objectives without a cycle come last.
    expect(tree[1]!.objectives.map((o) => o.id)).toEqual(['elsewhere']);
    expect(tree[2]!.objectives.map((o) => o.id)).toEqual(['loose']);
  });

  it('survives a parent loop written behind the app’s back', () => {
    const rows: OkrRows = { cycles: [cycle('q4')], objectives: [objective('a', 'q4', 'b'), objective('b', 'q4', 'a')], keyResults: [], outcomes: [], metrics: [] };
    // Each stands at the top of its cycle, once, rather than vanish or recurse forever.
    expect(okrTree(rows)[0]!.objectives.map((o) => [o.id, o.children.length])).toEqual([['a', 0], ['b', 0]]);
  });
});
