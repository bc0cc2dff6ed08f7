import type { SourceHealth } from '../../db/queries/source-health.ts';
import { empty, outcomeLink, scrollTable } from './bits.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

const label = (kit: Kit, s: SourceHealth) => h`${kit.t(`source.kind.${s.kind}`)}${s.name ? h` <span class="muted small">${s.name}</span>` : ''}`;

/** The last error (with the failures in a row), or that the source works. */
function state(kit: Kit, s: SourceHealth): Html {
  if (!s.lastError) return h`<span class="pill verified">${kit.t('web.sources.ok')}</span>`;
  const streak = s.consecutiveFailures > 0 ? h` <span class="muted small">${kit.t('web.sources.failures', { n: s.consecutiveFailures })}</span>` : '';
  return h`<span class="error" role="status">${s.lastError}</span> <span class="muted small">${kit.dateTime(s.lastErrorAt)}</span>${streak}`;
}

/**
 * A metric's sources on the outcome page, or the admins' list of failing ones on Settings
 * (`withOutcome` adds the outcome column): each with its last success and last error.
 */
export function sourcesTable(kit: Kit, rows: SourceHealth[], opts: { withOutcome?: boolean; testId: string }): Html {
  const head = h`<tr>${opts.withOutcome ? h`<th>${kit.t('card.outcome')}</th>` : ''}<th>${kit.t('web.sources.metric')}</th><th>${kit.t('web.sources.source')}</th><th>${kit.t('web.sources.last_success')}</th><th>${kit.t('web.sources.last_error')}</th></tr>`;
  const body = rows.map(
    (s) =>
      h`<tr>${opts.withOutcome ? h`<td>${outcomeLink({ id: s.outcomeId, title: s.outcomeTitle })}</td>` : ''}<td>${s.metricName}</td><td>${label(kit, s)}</td><td class="small">${s.lastSuccessAt ? kit.dateTime(s.lastSuccessAt) : kit.t('web.sources.never')}</td><td>${state(kit, s)}</td></tr>`,
  );
  return scrollTable(head, body, opts.testId);
}

/** Settings: every source of the workspace whose last run failed. */
export function failingSourcesSection(kit: Kit, rows: SourceHealth[]): Html {
  return h`<section class="card" data-testid="failing-sources"><h2>${kit.t('web.sources.failing_title')}</h2>${rows.length ? sourcesTable(kit, rows, { withOutcome: true, testId: 'failing-sources-table' }) : empty(kit.t('web.sources.failing_none'))}</section>`;
}
