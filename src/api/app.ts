import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors.ts';
import { bodyLimit } from '../security/body-limit.ts';
import { authenticate } from './auth/authenticate.ts';
import { SCOPES } from './auth/scopes.ts';
import type { ApiEnv } from './env.ts';
import { ReadingInput } from './schemas/readings.ts';
import { activityRoutes } from './routes/activity.ts';
import { metricRoutes } from './routes/metrics.ts';
import { evidenceFileRoutes, isFileUpload } from './routes/evidence-files.ts';
import { outcomeRoutes } from './routes/outcomes.ts';
import { outcomeActionRoutes } from './routes/outcome-actions.ts';
import { readingRoutes } from './routes/readings.ts';
import { searchRoutes } from './routes/search.ts';
import { sourceRoutes } from './routes/sources.ts';
import { templateRoutes } from './routes/templates.ts';
import { lessonRoutes } from './routes/lessons.ts';
import { retroRoutes } from './routes/retros.ts';
import { okrApiRoutes } from './routes/okr.ts';
import { validationHook } from './validation.ts';

/** A batch of 1,000 readings is about 150 KB; 1 MB leaves room and bounds what is buffered. */
export const API_BODY_LIMIT = 1024 * 1024;

/** API answers are per caller: never cached by anyone in between. */
const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
};

/** The OpenAPI 3.1 document's frame; paths and schemas come from the routes' zod schemas. */
const DOC = {
  openapi: '3.1.0',
  info: {
    title: 'Outcome API',
    version: '1',
    description: `Outcomes, metrics, readings and metric sources of one workspace. Authenticate with a workspace API token (\`Authorization: Bearer oc_…\`, created by an admin on the web Settings page; scopes: ${SCOPES.join(', ')}) or with the web session cookie. Each token allows a number of requests per minute (600 unless its admin chose otherwise); over it, 429 with Retry-After. Every error is \`{ error, message, fields? }\`.`,
  },
};

/**
 * The public API (design.md §11), under /api: `/api/v1/*` and its document at
 * `/api/openapi.json`. Mounted before the mini-app's /api/* JSON routes, which stay as they are.
 */
export function publicApi() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'A workspace API token (oc_…); the scope each route needs is listed with it.' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'outcome_session', description: 'The web session (the mini-app); writes must come from this site.' });
  app.openAPIRegistry.register('ReadingInput', ReadingInput);
  app.doc31('/openapi.json', DOC);
  // A file upload is bounded by its own, larger limit, after the caller is known (src/api/routes/evidence-files.ts).
  const apiBodyLimit = bodyLimit(API_BODY_LIMIT);
  app.use('/v1/*', noStore, (c, next) => (isFileUpload(c.req.path) ? next() : apiBodyLimit(c, next)), authenticate());
  const v1 = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  v1.route('/', outcomeRoutes());
  v1.route('/', outcomeActionRoutes());
  v1.route('/', readingRoutes());
  v1.route('/', sourceRoutes());
  v1.route('/', metricRoutes());
  v1.route('/', templateRoutes());
  v1.route('/', activityRoutes());
  v1.route('/', evidenceFileRoutes());
  v1.route('/', searchRoutes());
  v1.route('/', lessonRoutes());
  v1.route('/', retroRoutes());
  v1.route('/', okrApiRoutes());
  app.route('/v1', v1);
  // Unknown /api/v1 paths end here, not in the mini-app's /api/* routes.
  app.all('/v1/*', () => {
    throw new DomainError('not_found', 'error.not_found');
  });
  return app;
}
