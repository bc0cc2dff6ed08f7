import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLE_PATH, renderBundle } from './build.ts';
import { ASSETS } from './bundle.generated.ts';

describe('bundled web assets', () => {
  it('bundle.generated.ts matches its sources (run `npm run build:assets` after changing them)', () => {
    expect(readFileSync(BUNDLE_PATH, 'utf8') === renderBundle(), 'src/web/assets/bundle.generated.ts is stale: run `npm run build:assets`').toBe(true);
  });

  it('ships uPlot and the client scripts, none of them empty', () => {
    expect(Object.keys(ASSETS).sort()).toEqual(['app.css', 'charts.js', 'feishu-login.js', 'icon.svg', 'uplot.css', 'uplot.js']);
    expect(ASSETS['uplot.js']!.body).toContain('uPlot');
    for (const a of Object.values(ASSETS)) expect(a.body.length).toBeGreaterThan(200);
  });
});
