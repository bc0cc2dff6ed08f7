/** The failing-source message's parts both platforms render (cards/slack, cards/feishu). */
import type { CardContext } from './view.ts';

/** What the failing-source message shows (the view model of src/delivery/kinds/source-failing.ts). */
export interface SourceFailingProps {
  metric: string;
  /** The outcome's title. */
  title: string;
  /** The source's kind (http_json, csv, feishu_base) and the name the admin gave it. */
  kind: string;
  name: string;
  error: string;
  failures: number;
  /** When it last worked, in the recipient's zone; null when it never did. */
  lastSuccessText: string | null;
  url: string;
}

/** The body's parameters, escaped by `e` (each platform escapes its own markup). */
export function failingParams(ctx: CardContext, p: SourceFailingProps, e: (s: string) => string) {
  return {
    kind: ctx.t(`source.kind.${p.kind}`),
    name: p.name ? `“${e(p.name.slice(0, 80))}” ` : '',
    metric: e(p.metric.slice(0, 80)),
    title: e(p.title.slice(0, 100)),
    failures: p.failures,
  };
}

