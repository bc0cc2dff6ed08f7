import { describe, expect, it } from 'vitest';
import { sourceInput, splitSecret } from './source-config.ts';

describe('source config', () => {
  it('accepts each kind and keeps secrets out of the stored config', () => {
    const gh = splitSecret(sourceInput.parse({ kind: 'github', rule: { type: 'count_per_period', events: ['deployment_succeeded'], period: 'week' }, secret: 'x'.repeat(20) }));
    expect(gh).toEqual({ kind: 'github', name: '', rule: { type: 'count_per_period', events: ['deployment_succeeded'], period: 'week' }, config: {}, schedule: null, secret: 'x'.repeat(20) });
    const http = splitSecret(sourceInput.parse({ kind: 'http_json', url: 'https://crm.example.com/kpi', jsonPath: '$.data.items[0].value', bearer: 'tok', schedule: 'hourly' }));
    expect(http.config).toEqual({ url: 'https://crm.example.com/kpi', jsonPath: '$.data.items[0].value' });
    expect(http.secret).toBe('tok');
    expect(http.schedule).toBe('hourly');
  });

  it('refuses an unknown rule, a bad JSON path and a non-http URL with field paths', () => {
    const r = sourceInput.safeParse({ kind: 'http_json', url: 'ftp://x', jsonPath: 'data.value', schedule: 'hourly' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['jsonPath', 'url']);
    expect(sourceInput.safeParse({ kind: 'github', rule: { type: 'median' } }).success).toBe(false);
  });
});
