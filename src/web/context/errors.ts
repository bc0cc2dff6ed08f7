import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeError } from '../../errors.ts';
import type { WebEnv } from '../env.ts';
import { h } from '../render/html.ts';
import { kitOf, page } from './render.ts';


/**
 * Errors of pages as pages (the message from src/errors.ts, the one mapper, in the reader's
 * language), or as JSON when the caller is a script. A 401 on a page offers to sign in again.
 */
export function webError(err: Error, c: Context<WebEnv>): Response {
  const { deps } = c.var;
  const view = describeError(err, c.var.locale ?? deps.config.defaultLocale);
  if (view.status >= 500) deps.log('error', 'web request failed', { ref: view.ref, path: c.req.path, error: String(err.stack ?? err) });
  // Every client mistake keeps its own 4xx (a 413 from a body limit, say); anything else is ours.
  const status = (view.status >= 400 && view.status < 500 ? view.status : 500) as ContentfulStatusCode;
  if ((c.req.header('content-type') ?? '').includes('json') || (c.req.header('accept') ?? '').startsWith('application/json')) {
    return c.json({ error: view.code, message: view.message, ...(view.fields ? { fields: view.fields } : {}) }, status);
  }
  const kit = kitOf(c);
  const title = kit.t(status === 404 ? 'web.error.not_found' : status === 403 ? 'web.error.forbidden' : status === 401 ? 'web.error.unauthorized' : 'web.error.title');
  const back = status === 401 ? h`<a class="button" href="/auth/signin">${kit.t('web.signin.again')}</a>` : h`<a href="/app">${kit.t('web.error.back')}</a>`;
  return page(c, { title, body: h`<section class="card" data-testid="error"><p>${view.message}</p><p>${back}</p></section>` }, status);
}
