import { Hono } from 'hono';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import { kitOf, page } from '../context/render.ts';
import type { WebEnv } from '../env.ts';
import { loadKnowledge, NO_KB_QUERY, parseKbQuery, type KbQuery } from '../queries/knowledge.ts';
import { knowledgeBody } from './knowledge.ts';

/** GET /app/knowledge: the knowledge base (search and filters over what the viewer may see). */
export function knowledgeRoutes() {
  const app = new Hono<WebEnv>();
  app.get('/', async (c) => {
    let query: KbQuery;
    let problems: FieldError[] = [];
    try {
      query = parseKbQuery((n) => c.req.query(n));
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
      // The page still answers, with the problems next to their fields and the words kept.
      query = { ...NO_KB_QUERY, q: c.req.query('q') ?? '' };
      problems = err.fields;
    }
    const kit = kitOf(c);
    const data = await loadKnowledge(c.var.deps.db, c.var.viewer, query);
    return page(c, { title: kit.t('web.nav.knowledge'), active: 'knowledge', body: knowledgeBody(kit, data, problems) }, problems.length ? 400 : 200);
  });
  return app;
}
