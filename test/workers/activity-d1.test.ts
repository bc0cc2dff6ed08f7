import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { d1Db } from '../../src/db/d1.ts';
import { workspaceAuditTrail } from '../../src/db/queries/audit-trail.ts';
import { listDelivery } from '../../src/db/queries/delivery.ts';
import { requeueDead } from '../../src/db/repos/outbox-retry.ts';
import { createWorkspaceRepo } from '../../src/db/repos/workspace-repo.ts';
import { auditLog, outbox } from '../../src/db/schema/index.ts';

describe('the audit and delivery pages on D1', () => {
  it('a retry requeues only a dead row and audits only what it changed; both pages page by (instant, id)', async () => {
    const db = d1Db(env.DB);
    const ws = await createWorkspaceRepo(db, { timeZone: 'Asia/Shanghai', locale: 'zh-CN' }).ensure('slack', 'T-d1-activity');
    const at = new Date('2026-11-23T01:00:00Z');
    await db.insert(outbox).values([
      { id: 'd1-dead', workspaceId: ws.id, platform: 'slack', kind: 'decision_notice', destination: 'U1', payload: {}, status: 'dead', attempts: 12, lastError: 'x', nextAttemptAt: at, createdAt: new Date(1000) },
      { id: 'd1-sent', workspaceId: ws.id, platform: 'slack', kind: 'decision_notice', destination: 'U1', payload: {}, status: 'sent', nextAttemptAt: at, createdAt: new Date(2000) },
    ]);
    const audit = (comment: string) => ({ entity: 'workspace' as const, entityId: ws.id, action: 'delivery_retry', actorId: null, fromStatus: null, toStatus: null, comment, at, via: 'web' as const });
    expect(await requeueDead(db, ws.id, 'd1-sent', audit('d1-sent'))).toBe(false);
    expect(await requeueDead(db, ws.id, 'd1-dead', audit('d1-dead'))).toBe(true);
    expect(await requeueDead(db, ws.id, 'd1-dead', audit('again'))).toBe(false);
    const trail = await db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.id));
    expect(trail.map((a) => [a.comment, a.via])).toEqual([['d1-dead', 'web']]);
    const [row] = await db.select().from(outbox).where(eq(outbox.id, 'd1-dead'));
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });

    await db.insert(auditLog).values([1, 2, 3].map((i) => ({ id: `a${i}`, workspaceId: ws.id, entity: 'workspace', entityId: ws.id, action: 'settings:x', at: new Date(5000), via: 'api' as const })));
    const first = await workspaceAuditTrail(db, ws.id, { limit: 2, before: null });
    const second = await workspaceAuditTrail(db, ws.id, { limit: 2, before: first.next });
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual([trail[0]!.id, 'a3', 'a2', 'a1']);
    expect(second.next).toBeNull();
    expect((await listDelivery(db, ws.id, 'pending', { limit: 10, before: null })).rows.map((r) => r.id)).toEqual(['d1-dead']);
  });
});
