import { INSIGHT_MONTH_CHOICES } from '../../domain/insights.ts';
import type { InsightsView } from '../../views/insights.ts';
import { empty } from './bits.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

/** The insights as plain sentences in the reader's language, with the look-back period to choose. */
export function insightsSection(kit: Kit, v: InsightsView | undefined): Html {
  if (!v) return h``;
  const choose = h`<form method="get" action="/app/value" class="inline small"><label for="months">${kit.t('web.insights.months')}</label> <select id="months" name="months" onchange="this.form.submit()">${INSIGHT_MONTH_CHOICES.map(
    (m) => h`<option value="${m}"${m === v.months ? h` selected` : ''}>${m}</option>`,
  )}</select> <noscript><button type="submit">OK</button></noscript></form>`;
  const sentences = v.sentences[kit.locale];
  const body = sentences.length ? h`<ul data-testid="insights">${sentences.map((s) => h`<li>${s}</li>`)}</ul>` : empty(kit.t('web.insights.none', { months: v.months }));
  return h`<section class="card" data-testid="insights-section"><h2>${kit.t('web.insights.title')}</h2>${choose}${body}<p class="muted small">${kit.t('web.insights.note')}</p></section>`;
}
