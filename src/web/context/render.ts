import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { WebEnv } from '../env.ts';
import { createKit, type Kit } from '../render/kit.ts';
import { renderPage, type Page } from '../render/layout.ts';

/** The reader's translate/format helpers (locale chosen by the middleware; zone from the viewer). */
export function kitOf(c: Context<WebEnv>): Kit {
  const viewer = c.get('viewer') as WebEnv['Variables']['viewer'] | undefined;
  return createKit(c.var.locale, viewer?.timeZone ?? c.var.deps.config.defaultTimeZone);
}

/** Responds with a whole page. */
export function page(c: Context<WebEnv>, p: Page, status: ContentfulStatusCode = 200): Response {
  const viewer = (c.get('viewer') as WebEnv['Variables']['viewer'] | undefined) ?? null;
  return c.html(renderPage(c, kitOf(c), viewer, p), status);
}
