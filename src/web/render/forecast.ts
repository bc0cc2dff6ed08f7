import type { ForecastView, MetricStatusView } from '../../../cards/view.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

// The existing pill colours: green achieved, blue on track, orange at risk, red off track, grey no data.
const PILL: Record<MetricStatusView, string> = { achieved: 'verified', on_track: 'submitted', at_risk: 'changes_requested', off_track: 'rejected', no_data: '' };

/** A metric's (or outcome's) forecast status as a coloured badge. */
export const forecastPill = (kit: Kit, status: MetricStatusView): Html => h`<span class="pill ${PILL[status]}" data-status="${status}">${kit.t(`forecast.status.${status}`)}</span>`;

/** The badge and, where a projection exists, the projected value at the review date. */
export function forecastCell(kit: Kit, f: ForecastView | undefined, unit: string): Html {
  if (!f) return h`—`;
  const projected =
    f.projected !== null && f.reviewText !== null
      ? h`<br><span class="small">${kit.t('forecast.projected', { value: `${kit.num(f.projected)}${unit ? ` ${unit}` : ''}`, date: f.reviewText })}</span>`
      : '';
  return h`${forecastPill(kit, f.status)}${projected}`;
}
