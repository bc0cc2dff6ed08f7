import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import type { WebEnv } from '../env.ts';
import { webError } from './errors.ts';

/** A web sub-app whose only route throws `err`, mapped by webError as the real ones are. */
function appThrowing(err: Error) {
  const app = new Hono<WebEnv>();
  app.use(async (c, next) => {
    c.set('deps', { config: { defaultLocale: 'en' }, log: () => {} } as never);
    await next();
  });
  app.post('/x', () => {
    throw err;
  });
  app.onError(webError);
  return app;
}

describe('web errors', () => {
  it('keep a client mistake’s own 4xx, such as 413 from a body limit, instead of turning it into a 500', async () => {
    const res = await appThrowing(new DomainError('too_large', 'error.too_large', { limit: 1 })).request('/x', { method: 'POST', headers: { accept: 'application/json' } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large' });
  });

  it('answer anything unexpected with a 500', async () => {
    const res = await appThrowing(new Error('boom')).request('/x', { method: 'POST', headers: { accept: 'application/json' } });
    expect(res.status).toBe(500);
  });
});
