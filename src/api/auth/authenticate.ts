import type { MiddlewareHandler } from 'hono';
import { RATE_WINDOW_MS, useApiToken } from '../../db/repos/api-tokens-repo.ts';
import { DomainError } from '../../domain/errors.ts';
import { createSessions } from '../../web/context/sessions.ts';
import { loadViewer } from '../../web/context/viewer.ts';
import type { WebEnv } from '../../web/env.ts';
import { sameOrigin } from '../../web/routes.ts';
import type { ApiEnv } from '../env.ts';
import { isScope, type Scope } from './scopes.ts';
import { hashToken } from './token-secret.ts';

const unauthorized = (key = 'error.unauthorized') => new DomainError('unauthorized', key);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sets `principal`: from `Authorization: Bearer <token>` (one UPDATE authenticates, counts the
 * token's rate window and records its last use; over the limit → 429 with Retry-After), else
 * from the web's session cookie (the same session and viewer code as the mini-app, and the same
 * cross-site check on writes). Neither → 401.
 */
export function authenticate(): MiddlewareHandler<ApiEnv> {
  const sessions = createSessions();
  return async (c, next) => {
    const { deps } = c.var;
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) throw unauthorized('api.bearer_malformed');
      const now = deps.clock.now();
      const use = await useApiToken(deps.db, await hashToken(m[1]!), now);
      if (!use) throw unauthorized('api.token_unknown');
      if (use.windowCount > use.rateLimit) {
        const seconds = Math.max(1, Math.ceil((use.windowStart.getTime() + RATE_WINDOW_MS - now.getTime()) / 1000));
        c.header('Retry-After', String(seconds));
        throw new DomainError('rate_limited', 'api.rate_limited', { limit: use.rateLimit, seconds });
      }
      c.set('principal', { kind: 'token', workspaceId: use.workspaceId, tokenId: use.id, scopes: new Set(use.scopes.filter(isScope)) });
      return next();
    }
    const session = await sessions.read(c, deps.config, deps.log, deps.clock.now().getTime());
    const viewer = session ? await loadViewer(deps.db, session) : null;
    if (!viewer) throw unauthorized();
    c.set('principal', { kind: 'session', workspaceId: viewer.workspace.id, viewer });
    if (SAFE.has(c.req.method)) return next();
    // A cookie rides along on cross-site requests: writes must come from this site, as on the web.
    return sameOrigin(c as never as Parameters<MiddlewareHandler<WebEnv>>[0], next);
  };
}

/** A route's scope: a token without it gets 403; a session is checked by role in the handler. */
export function needs(scope: Scope): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const p = c.var.principal;
    if (p.kind === 'token' && !p.scopes.has(scope)) throw new DomainError('forbidden', 'api.missing_scope', { scope });
    await next();
  };
}
