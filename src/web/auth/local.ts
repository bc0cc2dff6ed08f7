import { Hono } from 'hono';
import { findSignInPerson, listSignInChoices } from '../../db/queries/local-sign-in.ts';
import { DomainError } from '../../domain/errors.ts';
import { isAdmin } from '../../domain/update-settings.ts';
import { kitOf, page } from '../context/render.ts';
import type { Sessions } from '../context/sessions.ts';
import type { WebEnv } from '../env.ts';
import { h } from '../render/html.ts';
import { localSignInAllowed } from './local-access.ts';
import { safeNext } from './next.ts';

/** The workspace created for a newcomer who has no data yet; its installer is the admin. */
const LOCAL_WORKSPACE = { platform: 'slack', externalId: 'local', admin: 'local-admin' } as const;

/**
 * LOCAL sign-in: only when no platform is configured and the request comes to localhost
 * (local-access.ts). Lists the people of the database (e.g. `npm run seed:demo`) to sign
 * in as, or creates a local workspace with one admin.
 */
export function localAuth(sessions: Sessions) {
  const app = new Hono<WebEnv>();

  app.use(async (c, next) => {
    if (!localSignInAllowed(c, c.var.deps)) throw new DomainError('forbidden', 'web.local.refused');
    await next();
  });

  app.get('/', async (c) => {
    const kit = kitOf(c);
    const next = safeNext(c.req.query('next'));
    const { spaces, folks } = await listSignInChoices(c.var.deps.db);
    const roles = (w: (typeof spaces)[number], p: (typeof folks)[number]) =>
      [
        isAdmin(w.settings, w.installedBy, { address: p.platformUserId, isPlatformAdmin: false }) ? kit.t('web.role.admin') : null,
        w.settings.pmoReviewers.includes(p.platformUserId) ? kit.t('web.role.pmo') : null,
        p.reports > 0 ? kit.t('web.role.manager') : null,
      ].filter(Boolean).join(' · ') || kit.t('web.role.member');
    const body = h`<div class="signin">
<div class="alert" role="note"><strong>${kit.t('web.local.title')}</strong><br>${kit.t('web.local.warning')}</div>
${spaces.map(
  (w) => h`<section class="card people-list" data-testid="local-workspace"><h2>${w.name || w.externalId} <span class="muted small">${w.platform}</span></h2>
<form method="post" action="/auth/local"><input type="hidden" name="next" value="${next}">${folks
    .filter((p) => p.workspaceId === w.id)
    .map((p) => h`<button type="submit" name="personId" value="${p.id}">${p.name || p.platformUserId} <small>${roles(w, p)}</small></button>`)}</form></section>`,
)}
<section class="card"><p class="muted small">${spaces.length ? kit.t('web.local.seed_hint') : kit.t('web.local.empty')}</p>
<form method="post" action="/auth/local/new"><input type="hidden" name="next" value="${next}"><button type="submit" class="secondary" data-testid="local-new">${kit.t('web.local.create')}</button></form></section>
</div>`;
    return page(c, { title: kit.t('web.local.heading'), body });
  });

  app.post('/', async (c) => {
    const form = await c.req.parseBody();
    const personId = typeof form.personId === 'string' ? form.personId : '';
    const p = personId ? await findSignInPerson(c.var.deps.db, personId) : undefined;
    if (!p) throw new DomainError('not_found', 'error.not_found');
    await sessions.start(c, c.var.deps.config, c.var.deps.log, { workspaceId: p.workspaceId, personId: p.id, via: 'local' }, c.var.deps.clock.now().getTime());
    return c.redirect(safeNext(typeof form.next === 'string' ? form.next : null), 303);
  });

  app.post('/new', async (c) => {
    const { repos, config, log, clock } = c.var.deps;
    const form = await c.req.parseBody();
    const w = await repos.workspaces.ensure(LOCAL_WORKSPACE.platform, LOCAL_WORKSPACE.externalId, { name: kitOf(c).t('web.local.workspace_name'), installedBy: LOCAL_WORKSPACE.admin });
    const p = await repos.people.upsert(w.id, { platformUserId: LOCAL_WORKSPACE.admin, name: kitOf(c).t('web.local.admin_name'), locale: c.var.locale });
    await sessions.start(c, config, log, { workspaceId: w.id, personId: p.id, via: 'local' }, clock.now().getTime());
    return c.redirect(safeNext(typeof form.next === 'string' ? form.next : null), 303);
  });

  return app;
}
