import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { MAX_SEARCH_OFFSET, searchKnowledge } from '../../db/queries/kb-search.ts';
import { kbResults } from '../../views/kb-results.ts';
import { readerOfPrincipal } from '../access.ts';
import { needs } from '../auth/authenticate.ts';
import type { ApiEnv } from '../env.ts';
import { cursorParam, decodeCursor, encodeCursor, ERRORS, pageLimit, security } from '../schemas/common.ts';
import { SearchPage, SearchQuery } from '../schemas/search.ts';
import { validationHook } from '../validation.ts';

const search = createRoute({
  method: 'get',
  path: '/search',
  summary: 'Search the knowledge base',
  description: `Full-text search over the outcomes the caller may see (a token: its whole workspace; a person: what the web shows them): titles, descriptions, metric names, evidence titles and lessons, in Chinese or English. Best match first; hits are marked in \`title\` and \`snippet\`. Paging is bounded: no page starts past result ${MAX_SEARCH_OFFSET}.`,
  security: security('outcomes:read'),
  middleware: [needs('outcomes:read')] as const,
  request: { query: SearchQuery.extend({ limit: pageLimit(50, 20), cursor: cursorParam }) },
  responses: { 200: { description: 'One page of hits', content: { 'application/json': { schema: SearchPage } } }, ...ERRORS },
});

const isOffset = (v: unknown): v is { offset: number } => {
  const o = (v as { offset?: unknown } | null)?.offset;
  return typeof o === 'number' && Number.isInteger(o) && o > 0 && o <= MAX_SEARCH_OFFSET;
};

/** GET /search. */
export function searchRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(search, async (c) => {
    const { deps, principal } = c.var;
    const query = c.req.valid('query');
    const offset = decodeCursor(query.cursor, isOffset)?.offset ?? 0;
    const filters = { indicatorClass: query.class ?? null, projectId: query.project ?? null, status: query.status ?? null, tag: query.tag ?? null, template: query.template ?? null };
    const found = await searchKnowledge(deps.db, principal.workspaceId, readerOfPrincipal(principal), query.q, filters, { limit: query.limit, offset });
    const results = await kbResults(deps.db, principal.workspaceId, found.hits, found.terms.short, found.terms.phrases.length > 0);
    return c.json(
      {
        results: results.map((r) => ({
          kind: r.kind,
          id: r.refId,
          outcome_id: r.outcomeId,
          title: r.title,
          snippet: r.snippet,
          status: r.status,
          indicator_class: r.indicatorClass,
          project: r.projectId ? { id: r.projectId, name: r.projectName } : null,
          attainment: r.attainment,
        })),
        next_cursor: found.more ? encodeCursor({ offset: offset + query.limit }) : null,
      },
      200,
    );
  });
  return app;
}
