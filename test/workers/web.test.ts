import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { assetUrl } from '../../src/web/assets/serve.ts';
import './preload-platforms.ts';

describe('the mini-app inside workerd', () => {
  it('sends a visitor without a session to sign-in, and the sign-in page carries a CSP', async () => {
    const res = await exports.default.fetch('http://outcome.test/app', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/auth/signin?next=%2Fapp');
    const signin = await exports.default.fetch('http://outcome.test/auth/signin?lang=en');
    expect(signin.status).toBe(200);
    expect(signin.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await signin.text()).toMatch(/<html lang="en">[\s\S]*Outcome/);
  });

  it('answers the API with 401 JSON without a session', async () => {
    const res = await exports.default.fetch('http://outcome.test/api/outcomes');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('serves the chart library from the bundle', async () => {
    const res = await exports.default.fetch(`http://outcome.test${assetUrl('uplot.js')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect((await res.text()).length).toBeGreaterThan(20_000);
  });
});
