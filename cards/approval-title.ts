import type { CardContext, ReviewView } from './view.ts';

/**
 * The title of an approval card, the same on every platform: while it waits, that it awaits
 * the reader's review; once decided, what was decided and by whom ("Approved by Boss
 * (Manager review)"), so a decided card never still reads as a request.
 */
export function approvalTitle(ctx: CardContext, stage: 'manager' | 'pmo', decision: ReviewView | null): string {
  const stageName = ctx.t(`stage.${stage}`);
  if (!decision) return ctx.t('card.approval_request.title', { stage: stageName });
  return ctx.t(`card.approval_decided.${decision.decision}`, { name: decision.reviewer.name, stage: stageName });
}
