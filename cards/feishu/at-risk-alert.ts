import { atRiskLines } from '../forecast-text.ts';
import type { AtRiskView, CardContext } from '../view.ts';
import { button, card, clip, escapeMd, header, md, type Json } from './kit.ts';

/** at_risk_alert: to the owner and their manager; projection and formula, readings used, what to look at. */
export function atRiskCard(v: AtRiskView, ctx: CardContext): Json {
  const l = atRiskLines(ctx, v, (s) => escapeMd(clip(s, 100)));
  return card(header(ctx.t('at_risk.title'), 'orange', clip(`${v.metric.name} · ${v.title}`, 100)), [
    md(`${l.intro}\n${l.formula}`),
    md(l.readings.join('\n')),
    ...(l.hints.length ? [md(l.hints.join('\n'))] : []),
    button({ label: ctx.t('card.open_dashboard'), url: v.url }),
  ]);
}
