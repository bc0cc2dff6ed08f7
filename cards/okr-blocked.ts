/** The "Feishu OKR sync is blocked" notice's parts both platforms render (cards/slack, cards/feishu). */
import type { CardContext } from './view.ts';

/** What the notice shows (the view model of src/delivery/kinds/okr-sync-blocked.ts). */
export interface OkrBlockedProps {
  /** What Feishu refused: reading the OKRs, or writing a progress record. */
  operation: 'import' | 'progress';
  code: number;
  msg: string;
  /** The permissions to add, any one of which is enough. */
  scopes: string[];
  url: string;
}

/** The notice's three lines, each escaped by `e` (each platform escapes its own markup) and the scopes as code by `code`. */
export function okrBlockedLines(ctx: CardContext, p: OkrBlockedProps, e: (s: string) => string, code: (s: string) => string): string[] {
  return [
    ctx.t('okr.blocked.body', { operation: ctx.t(`okr.blocked.op.${p.operation}`), code: p.code, msg: e(p.msg.slice(0, 200)) }),
    ctx.t('okr.blocked.scopes', { scopes: p.scopes.slice(0, 5).map((s) => code(e(s))).join(' / ') }),
    ctx.t('okr.blocked.hint'),
  ];
}
