import { describe, expect, it } from 'vitest';
import { depsBySurface, viaOfPath } from './surface-via.ts';
import type { Deps } from './deps-types.ts';

describe('the surface an action comes through', () => {
  it('is chat for the platforms’ callbacks, api for /api/v1 and hooks, web for the rest', () => {
    expect(['/slack/events', '/slack/interactivity', '/feishu/cards', '/feishu/events'].map(viaOfPath)).toEqual(['chat', 'chat', 'chat', 'chat']);
    expect(['/api/v1/outcomes/x/comments', '/api/v1', '/hooks/jira/abc'].map(viaOfPath)).toEqual(['api', 'api', 'api']);
    // The mini-app's own JSON under /api (not /api/v1) is the web, as are its pages.
    expect(['/app/outcomes/x/comments', '/api/me', '/auth/local', '/slackish', '/api/v10'].map(viaOfPath)).toEqual(['web', 'web', 'web', 'web', 'web']);
  });

  it('sets the verbs’ via per surface on one stable deps object each, leaving the rest shared', () => {
    const deps = { verbs: { via: 'job' }, db: {} } as unknown as Deps;
    const of = depsBySurface(deps);
    expect(of('/slack/events').verbs.via).toBe('chat');
    expect(of('/app/my').verbs.via).toBe('web');
    expect(of('/api/v1/audit').verbs.via).toBe('api');
    // Bolt's app and Feishu's dispatcher are cached per deps object: the same one every request.
    expect(of('/slack/events')).toBe(of('/slack/commands'));
    expect(of('/app/my').db).toBe(deps.db);
    expect(deps.verbs.via).toBe('job');
  });
});
