import { defineKind, read } from './types.ts';
import type { OkrSyncBlockedView } from './views.ts';

/**
 * okr_sync_blocked: Feishu refused an OKR import or progress record for want of a permission;
 * each admin is told once (src/db/repos/okr-blocked.ts) which scope to add. Everything it says
 * is in the payload: the refusal is a fact of the moment it happened.
 */
export const okrSyncBlocked = defineKind<Omit<OkrSyncBlockedView, 'type' | 'url'>>({
  kind: 'okr_sync_blocked',
  parse: ({ payload: p }) => {
    const operation = p.operation === 'import' || p.operation === 'progress' ? p.operation : null;
    const scopes = Array.isArray(p.scopes) ? p.scopes.filter((s): s is string => typeof s === 'string') : [];
    if (!operation || typeof p.code !== 'number' || !scopes.length) return null;
    return { operation, code: p.code, msg: read.str(p.msg) ?? '', scopes };
  },
  audience: 'person',
  load: async (ctx, p) => ({ type: 'okr_sync_blocked', ...p, url: `${ctx.publicUrl}/app/okr` }),
  skipWhen: () => null,
  posts: true,
});
