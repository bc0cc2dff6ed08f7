import { Hono, type Context } from 'hono';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import { createCycle, createKeyResult, createObjective, linkOutcome, updateCycle, updateKeyResult, updateObjective } from '../../okr/manage-okr.ts';

import { kitOf, page } from '../context/render.ts';
import type { WebEnv } from '../env.ts';
import { cycleForm, keyResultForm, linkForm, loadOkrPage, objectiveForm, okrActorOf } from '../queries/okr.ts';
import { okrBody } from './okr.ts';

/** The OKR page, with the problems of a refused form (400) or what was just done. */
async function okrPage(c: Context<WebEnv>, problems: FieldError[] = [], status: 200 | 400 = 200) {
  const kit = kitOf(c);
  const data = await loadOkrPage(c.var.deps.db, c.var.viewer);
  return page(c, { title: kit.t('okr.title'), active: 'okr', body: okrBody(kit, data, { problems, done: c.req.query('done') ?? null }) }, status);
}

/** Runs a form's change; a validation refusal shows the page again with its problems and changes nothing. */
async function change(c: Context<WebEnv>, run: () => Promise<unknown>, done: string) {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
    return okrPage(c, err.fields, 400);
  }
  return c.redirect(`/app/okr?done=${done}`, 303);
}

const form = (c: Context<WebEnv>) => c.req.parseBody({ all: true });

/**
 * /app/okr (the roll-up tree; forms for admins and the PMO, same-origin POSTs like the
 * settings page) and the outcome page's key-result link.
 */
export function okrRoutes() {
  const app = new Hono<WebEnv>();
  const actor = (c: Context<WebEnv>) => okrActorOf(c.var.viewer);

  app.get('/okr', (c) => okrPage(c));
  app.post('/okr/cycles', async (c) => change(c, async () => createCycle(c.var.deps, actor(c), cycleForm(await form(c))), 'cycle'));
  app.post('/okr/cycles/:id', async (c) => change(c, async () => updateCycle(c.var.deps, actor(c), c.req.param('id'), cycleForm(await form(c))), 'cycle'));
  app.post('/okr/objectives', async (c) => change(c, async () => createObjective(c.var.deps, actor(c), objectiveForm(await form(c))), 'objective'));
  app.post('/okr/objectives/:id', async (c) => change(c, async () => updateObjective(c.var.deps, actor(c), c.req.param('id'), objectiveForm(await form(c))), 'objective'));
  app.post('/okr/key-results', async (c) => change(c, async () => createKeyResult(c.var.deps, actor(c), keyResultForm(await form(c))), 'key_result'));
  app.post('/okr/key-results/:id', async (c) => {
    // The edit form has no objective select: a key result stays under its objective.
    const { objectiveId: _, ...patch } = keyResultForm(await form(c));
    return change(c, () => updateKeyResult(c.var.deps, actor(c), c.req.param('id'), patch), 'key_result');
  });
  app.post('/okr/import', async (c) => {
    // Loaded on use: the Lark SDK comes with it, and most requests never import.
    const { importFeishuOkr } = await import('../../okr/feishu-import.ts');
    const report = await importFeishuOkr(c.var.deps, c.var.viewer.workspace.id, actor(c));
    return c.redirect(`/app/okr?done=${report.blocked ? 'import_blocked' : 'imported'}`, 303);
  });
  app.post('/outcomes/:id/key-result', async (c) => {
    const id = c.req.param('id');
    await linkOutcome(c.var.deps, actor(c), id, linkForm(await form(c)));
    return c.redirect(`/app/outcomes/${encodeURIComponent(id)}#key-result`, 303);
  });
  return app;
}
