import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { actionsOf, listRetrospectives, retrospectiveById, type RetroActionRow, type RetrospectiveRow } from '../../db/queries/retro.ts';
import { dayOf } from '../../domain/calendar-date.ts';
import { DomainError } from '../../domain/errors.ts';
import { completeAction, recordConclusions, type RetroActor } from '../../retro/retrospective.ts';
import { needs } from '../auth/authenticate.ts';
import type { ApiEnv, Principal } from '../env.ts';
import { ERRORS, iso, security } from '../schemas/common.ts';
import { ConclusionsInput, RetroActionView, RetrospectiveView } from '../schemas/retro.ts';
import { validationHook } from '../validation.ts';

const idParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });
const one = (c: 200, description: string, schema: z.ZodType) => ({ [c]: { description, content: { 'application/json': { schema } } } });

const list = createRoute({
  method: 'get',
  path: '/retrospectives',
  summary: 'List the workspace’s retrospectives, latest period first',
  description: 'The PMO and admins (or a token) only.',
  security: security('retros:read'),
  middleware: [needs('retros:read')] as const,
  responses: { ...one(200, 'The retrospectives', z.object({ retrospectives: z.array(RetrospectiveView) })), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/retrospectives/{id}',
  summary: 'One retrospective with its conclusions and actions',
  security: security('retros:read'),
  middleware: [needs('retros:read')] as const,
  request: { params: idParam },
  responses: { ...one(200, 'The retrospective', RetrospectiveView), ...ERRORS },
});

const conclude = createRoute({
  method: 'post',
  path: '/retrospectives/{id}/conclusions',
  summary: 'Record the conclusions and add actions',
  description: 'The PMO and admins (or a token). Each action has a title, an owner (a person id of the workspace) and a due day; the owners are reminded from that day until it is done.',
  security: security('retros:write'),
  middleware: [needs('retros:write')] as const,
  request: { params: idParam, body: { required: true, content: { 'application/json': { schema: ConclusionsInput } } } },
  responses: { ...one(200, 'The retrospective as stored', RetrospectiveView), ...ERRORS },
});

const done = createRoute({
  method: 'post',
  path: '/retro-actions/{id}/done',
  summary: 'Mark a retrospective action done',
  description: 'Its owner, the PMO and admins (or a token). Done already: 200 with it, nothing changes.',
  security: security('retros:write'),
  middleware: [needs('retros:write')] as const,
  request: { params: idParam },
  responses: { ...one(200, 'The action', RetroActionView), ...ERRORS },
});

/** A token acts for its workspace's PMO (admins make tokens); a person by their role. */
const actorOf = (p: Principal): RetroActor => (p.kind === 'token' ? { personId: null, pmo: true } : { personId: p.viewer.person.id, pmo: p.viewer.roles.pmo || p.viewer.roles.admin });

const actionView = (a: RetroActionRow): z.infer<typeof RetroActionView> => ({ id: a.id, title: a.title, owner_id: a.ownerId, owner_name: a.ownerName, due_on: dayOf(a.dueAt), status: a.status, done_at: iso(a.doneAt) });
const retroView = (r: RetrospectiveRow, actions: RetroActionRow[]): z.infer<typeof RetrospectiveView> => ({
  id: r.id,
  period: r.periodKey,
  cadence: r.cadence,
  period_start: dayOf(r.periodStart),
  period_end: dayOf(r.periodEnd),
  conclusions: r.conclusions,
  recorded_at: iso(r.recordedAt),
  actions: actions.map(actionView),
});

/** Retrospectives (复盘) in the API: read them, record conclusions and actions, close actions. */
export function retroRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const pmoOnly = (p: Principal) => {
    if (!actorOf(p).pmo) throw new DomainError('forbidden', 'retro.pmo_only');
  };
  const full = async (workspaceId: string, id: string, db: ApiEnv['Variables']['deps']['db']) => {
    const r = await retrospectiveById(db, workspaceId, id);
    if (!r) throw new DomainError('not_found', 'error.not_found');
    return retroView(r, await actionsOf(db, workspaceId, r.id));
  };

  app.openapi(list, async (c) => {
    const { deps, principal } = c.var;
    pmoOnly(principal);
    const rows = await listRetrospectives(deps.db, principal.workspaceId);
    const all = await Promise.all(rows.map(async (r) => retroView(r, await actionsOf(deps.db, principal.workspaceId, r.id))));
    return c.json({ retrospectives: all }, 200);
  });

  app.openapi(get, async (c) => {
    const { deps, principal } = c.var;
    pmoOnly(principal);
    return c.json(await full(principal.workspaceId, c.req.valid('param').id, deps.db), 200);
  });

  app.openapi(conclude, async (c) => {
    const { deps, principal } = c.var;
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await recordConclusions(deps, principal.workspaceId, id, actorOf(principal), { conclusions: body.conclusions, actions: (body.actions ?? []).map((a) => ({ title: a.title, ownerId: a.owner_id, dueOn: a.due_on })) });
    return c.json(await full(principal.workspaceId, id, deps.db), 200);
  });

  app.openapi(done, async (c) => {
    const { deps, principal } = c.var;
    const { action } = await completeAction(deps, principal.workspaceId, c.req.valid('param').id, actorOf(principal));
    const [fresh] = (await actionsOf(deps.db, principal.workspaceId, action.retrospectiveId)).filter((a) => a.id === action.id);
    return c.json(actionView(fresh!), 200);
  });

  return app;
}
