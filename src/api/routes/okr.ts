import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listCycles, loadOkrRows } from '../../db/queries/okr.ts';
import { calendarDate, dayOf } from '../../domain/calendar-date.ts';
import { createCycle, createKeyResult, createObjective, linkOutcome, updateCycle, updateKeyResult, updateObjective, type OkrActor } from '../../okr/manage-okr.ts';
import { okrTree, type ObjectiveNode } from '../../views/okr-tree.ts';
import { okrActorOf } from '../../web/queries/okr.ts';
import { readerOfPrincipal } from '../access.ts';
import { needs } from '../auth/authenticate.ts';
import type { ApiEnv, Principal } from '../env.ts';
import { ERRORS, security } from '../schemas/common.ts';
import { CycleInput, CycleList, CyclePatch, CycleView, idParam, KeyResultInput, KeyResultList, KeyResultPatch, KeyResultView, LinkInput, ObjectiveInput, ObjectiveList, ObjectivePatch, ObjectiveView } from '../schemas/okr.ts';
import { validationHook } from '../validation.ts';

const WHO = 'Admins and the PMO (or a token with okr:write) create and change them; everyone in the workspace reads them.';
const json = <T>(schema: T) => ({ 'application/json': { schema } });
const body = <T>(schema: T) => ({ body: { required: true, content: json(schema) } });
const read = { security: security('okr:read'), middleware: [needs('okr:read')] };
const write = { security: security('okr:write'), middleware: [needs('okr:write')] };
const ok = <T extends z.ZodType>(description: string, schema: T) => ({ 200: { description, content: json(schema) }, ...ERRORS });
const created = <T extends z.ZodType>(description: string, schema: T) => ({ 201: { description, content: json(schema) }, ...ERRORS });

const routes = {
  listCycles: createRoute({ method: 'get', path: '/cycles', summary: 'List OKR cycles', description: WHO, ...read, responses: ok('The cycles, latest first', CycleList) }),
  createCycle: createRoute({ method: 'post', path: '/cycles', summary: 'Create a cycle (quarter, half or year)', description: WHO, ...write, request: body(CycleInput), responses: created('The cycle', CycleView) }),
  updateCycle: createRoute({ method: 'patch', path: '/cycles/{id}', summary: 'Change a cycle', description: WHO, ...write, request: { params: idParam, ...body(CyclePatch) }, responses: ok('The cycle', CycleView) }),
  listObjectives: createRoute({
    method: 'get',
    path: '/objectives',
    summary: 'List objectives with their scores and ROI',
    description: WHO,
    ...read,
    request: { query: z.object({ cycle_id: z.string().optional() }) },
    responses: ok('The objectives', ObjectiveList),
  }),
  createObjective: createRoute({ method: 'post', path: '/objectives', summary: 'Create an objective (optionally cascading from a parent)', description: WHO, ...write, request: body(ObjectiveInput), responses: created('The objective', ObjectiveView) }),
  updateObjective: createRoute({ method: 'patch', path: '/objectives/{id}', summary: 'Change an objective', description: `${WHO} A parent that would make it its own ancestor is refused.`, ...write, request: { params: idParam, ...body(ObjectivePatch) }, responses: ok('The objective', ObjectiveView) }),
  listKeyResults: createRoute({
    method: 'get',
    path: '/key-results',
    summary: 'List key results with their scores and where each comes from',
    description: WHO,
    ...read,
    request: { query: z.object({ objective_id: z.string().optional() }) },
    responses: ok('The key results', KeyResultList),
  }),
  createKeyResult: createRoute({ method: 'post', path: '/key-results', summary: 'Create a key result (metric-based or milestone)', description: WHO, ...write, request: body(KeyResultInput), responses: created('The key result', KeyResultView) }),
  updateKeyResult: createRoute({ method: 'patch', path: '/key-results/{id}', summary: 'Change a key result; score null derives it again', description: WHO, ...write, request: { params: idParam, ...body(KeyResultPatch) }, responses: ok('The key result', KeyResultView) }),
  link: createRoute({
    method: 'put',
    path: '/outcomes/{id}/key-result',
    summary: 'Link an outcome to a key result (null unlinks)',
    description: 'A token with okr:write, admins and the PMO link any outcome; a person their own (submitted or owned).',
    ...write,
    request: { params: idParam, ...body(LinkInput) },
    responses: { 204: { description: 'Linked' }, ...ERRORS },
  }),
};

/** The caller as the OKR verbs take them: a token manages with okr:write; a person by their role. */
const actorOf = (p: Principal): OkrActor => (p.kind === 'token' ? { workspaceId: p.workspaceId, manages: p.scopes.has('okr:write'), reader: readerOfPrincipal(p) } : okrActorOf(p.viewer));

const cycleView = (c: { id: string; name: string; kind: 'quarter' | 'half' | 'year'; startsAt: Date; endsAt: Date; externalId: string | null }) => ({ id: c.id, name: c.name, kind: c.kind, starts_on: dayOf(c.startsAt), ends_on: dayOf(c.endsAt), external_id: c.externalId });
const cycleFields = (b: Partial<z.infer<typeof CycleInput>>) => ({
  ...(b.name !== undefined ? { name: b.name } : {}),
  ...(b.kind !== undefined ? { kind: b.kind } : {}),
  ...(b.starts_on !== undefined ? { startsAt: calendarDate(b.starts_on) } : {}),
  ...(b.ends_on !== undefined ? { endsAt: calendarDate(b.ends_on) } : {}),
});
const objectiveFields = (b: z.infer<typeof ObjectivePatch>) => ({
  ...(b.title !== undefined ? { title: b.title } : {}),
  ...(b.cycle_id !== undefined ? { cycleId: b.cycle_id } : {}),
  ...(b.parent_id !== undefined ? { parentId: b.parent_id } : {}),
  ...(b.owner_id !== undefined ? { ownerId: b.owner_id } : {}),
});

/** The workspace's tree, flattened to objectives and key results with their scores. */
async function scored(c: { var: ApiEnv['Variables'] }) {
  const p = c.var.principal;
  const tree = okrTree(await loadOkrRows(c.var.deps.db, p.workspaceId, readerOfPrincipal(p)));
  const objectives: ObjectiveNode[] = [];
  const walk = (o: ObjectiveNode) => {
    objectives.push(o);
    o.children.forEach(walk);
  };
  tree.forEach((cy) => cy.objectives.forEach(walk));
  return objectives;
}
const objectiveView = (o: ObjectiveNode) => ({ id: o.id, title: o.title, cycle_id: o.cycleId, parent_id: o.parentId, owner_id: o.ownerId, external_id: o.externalId, score: o.score, band: o.band, roi: o.roi, key_result_ids: o.keyResults.map((k) => k.id) });
const keyResultViews = (objectives: ObjectiveNode[]) =>
  objectives.flatMap((o) =>
    o.keyResults.map((k) => ({ id: k.id, objective_id: o.id, title: k.title, kind: k.kind, score: k.score, band: k.band, score_source: k.source, derived_from: k.derivedFrom, manual_score: k.manualScore, external_id: k.externalId, outcome_ids: k.outcomes.filter((x) => x.visible).map((x) => x.id) })),
  );
const one = <T extends { id: string }>(list: T[], id: string): T => list.find((x) => x.id === id)!;

/** /cycles, /objectives, /key-results and an outcome's key-result link. */
export function okrApiRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(routes.listCycles, async (c) => c.json({ cycles: (await listCycles(c.var.deps.db, c.var.principal.workspaceId)).map(cycleView) }, 200));
  app.openapi(routes.createCycle, async (c) => {
    const b = c.req.valid('json');
    return c.json(cycleView(await createCycle(c.var.deps, actorOf(c.var.principal), { name: b.name, kind: b.kind, startsAt: calendarDate(b.starts_on), endsAt: calendarDate(b.ends_on) })), 201);
  });
  app.openapi(routes.updateCycle, async (c) => c.json(cycleView(await updateCycle(c.var.deps, actorOf(c.var.principal), c.req.valid('param').id, cycleFields(c.req.valid('json')))), 200));

  app.openapi(routes.listObjectives, async (c) => {
    const cycle = c.req.valid('query').cycle_id;
    return c.json({ objectives: (await scored(c)).filter((o) => !cycle || o.cycleId === cycle).map(objectiveView) }, 200);
  });
  app.openapi(routes.createObjective, async (c) => {
    const b = c.req.valid('json');
    const row = await createObjective(c.var.deps, actorOf(c.var.principal), { title: b.title, cycleId: b.cycle_id, parentId: b.parent_id, ownerId: b.owner_id });
    return c.json(objectiveView(one(await scored(c), row.id)), 201);
  });
  app.openapi(routes.updateObjective, async (c) => {
    const row = await updateObjective(c.var.deps, actorOf(c.var.principal), c.req.valid('param').id, objectiveFields(c.req.valid('json')));
    return c.json(objectiveView(one(await scored(c), row.id)), 200);
  });

  app.openapi(routes.listKeyResults, async (c) => {
    const objective = c.req.valid('query').objective_id;
    return c.json({ key_results: keyResultViews(await scored(c)).filter((k) => !objective || k.objective_id === objective) }, 200);
  });
  app.openapi(routes.createKeyResult, async (c) => {
    const b = c.req.valid('json');
    const row = await createKeyResult(c.var.deps, actorOf(c.var.principal), { objectiveId: b.objective_id, title: b.title, kind: b.kind, score: b.score });
    return c.json(one(keyResultViews(await scored(c)), row.id), 201);
  });
  app.openapi(routes.updateKeyResult, async (c) => {
    const row = await updateKeyResult(c.var.deps, actorOf(c.var.principal), c.req.valid('param').id, c.req.valid('json'));
    return c.json(one(keyResultViews(await scored(c)), row.id), 200);
  });

  app.openapi(routes.link, async (c) => {
    await linkOutcome(c.var.deps, actorOf(c.var.principal), c.req.valid('param').id, c.req.valid('json').key_result_id);
    return c.body(null, 204);
  });
  return app;
}
