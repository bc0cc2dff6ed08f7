import { atRiskLines } from '../forecast-text.ts';
import type { AtRiskView, CardContext } from '../view.ts';
import { clip, context, esc, header, section, type SlackMessage } from './blocks.ts';

/** The at-risk alert to the owner and their manager: projection and formula, readings used, what to look at. */
export function renderAtRiskAlert(ctx: CardContext, v: AtRiskView): SlackMessage {
  const safe = (s: string) => esc(clip(s, 150));
  const l = atRiskLines(ctx, v, safe);
  return {
    text: `${ctx.t('at_risk.title')}: ${v.metric.name} (${v.title})`,
    blocks: [
      header(ctx.t('at_risk.title')),
      section(`${l.intro}\n${l.formula}`),
      section(l.readings.join('\n')),
      ...(l.hints.length ? [section(l.hints.join('\n'))] : []),
      context([`<${v.url}|${esc(ctx.t('card.open_dashboard'))}>`]),
    ],
  };
}
