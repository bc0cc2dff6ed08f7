import type { Deps } from './deps-types.ts';
import type { Via } from './domain/ports.ts';

/**
 * Which surface a request comes through, for the audit trail: the chat platforms' callbacks,
 * the public API (`/api/v1`, also when called with the web session), and the mini-app for the
 * rest. Anything outside a request (the scheduler, scripts) keeps the deps' own `job`.
 */
export function viaOfPath(path: string): Exclude<Via, 'job'> {
  if (path.startsWith('/slack/') || path.startsWith('/feishu/')) return 'chat';
  if (path.startsWith('/api/v1/') || path === '/api/v1' || path.startsWith('/hooks/')) return 'api';
  return 'web';
}

/**
 * The deps each surface's handlers get: the same deps with the verbs' `via` set, built once
 * (Bolt's app and Feishu's dispatcher are cached per deps object, so these stay stable).
 */
export function depsBySurface(deps: Deps): (path: string) => Deps {
  const of = (via: Via): Deps => ({ ...deps, verbs: { ...deps.verbs, via } });
  const bySurface: Record<Exclude<Via, 'job'>, Deps> = { chat: of('chat'), web: of('web'), api: of('api') };
  return (path) => bySurface[viaOfPath(path)];
}
