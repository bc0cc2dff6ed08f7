import type { CardAction } from '../../../cards/actions.ts';
import { APPROVAL_FIELDS, approvalCard } from '../../../cards/feishu/approval-card.ts';
import { decideOutcome } from '../../domain/decide-outcome.ts';
import { DomainError } from '../../domain/errors.ts';
import { parseScoreCard } from '../../domain/scores.ts';
import type { PersonRef } from '../../domain/ports.ts';
import type { Locale, ScoreCard } from '../../domain/types.ts';
import { kickOutbox } from '../../delivery/kick.ts';
import type { CardResponse } from '../card-response.ts';
import { timeZoneOf, type FeishuCtx } from '../context.ts';
import { loadStageDecision } from '../../views/outcome-view.ts';
import { feishuOutcomeView } from '../outcome-data.ts';
import { formText } from '../form/parse-form.ts';
import { renderFitted, toastOf } from '../render.ts';

type Decide = Extract<CardAction, { a: 'approve' | 'request_changes' | 'reject' }>;

const text = formText;

/** The score selects: null when none was picked; otherwise every one (a missing one fails the domain's 1–5 rule). */
export function scoresOf(formValue: Record<string, unknown>): ScoreCard | null {
  return parseScoreCard((dim) => text(formValue[APPROVAL_FIELDS[dim]]));
}

/** The approval card as it stands now (decided or not), in the clicker's zone. */
async function currentCard(ctx: FeishuCtx, a: Decide, viewer: PersonRef, locale: Locale): Promise<CardResponse['card']> {
  const tz = timeZoneOf(viewer, ctx.workspace);
  const [outcome, decision] = await Promise.all([feishuOutcomeView(ctx.deps, ctx.workspace.id, a.o, tz), loadStageDecision(ctx.deps.db, ctx.workspace.id, a.o, a.r, a.s, tz)]);
  if (!outcome) return undefined;
  const card = renderFitted((c, trim) => approvalCard({ outcome, stage: a.s, round: a.r, decision }, c, trim), locale, ctx.deps.config.publicUrl);
  return card ? { type: 'raw', data: card } : undefined;
}

/**
 * A reviewer's click on Approve / Request changes / Reject. The domain decides who may and
 * what is needed (scores to approve, a comment otherwise); the clicked card is replaced in
 * the response by the decided one, and the rest (next stage, the member's notice, other
 * copies of the card) goes out through the outbox after the response.
 */
export async function decide(ctx: FeishuCtx, a: Decide, actor: PersonRef, formValue: Record<string, unknown>, locale: Locale): Promise<CardResponse> {
  try {
    await decideOutcome({
      ctx: ctx.deps.verbs,
      input: { workspace: ctx.workspace, outcomeId: a.o, actor, decision: a.a, comment: text(formValue[APPROVAL_FIELDS.comment]) || null, scores: scoresOf(formValue), round: a.r, stage: a.s },
    });
  } catch (err) {
    // A second click (or a stale card) finds this stage decided — by the time it reads the
    // outcome that may look like any refusal — and is shown the decision that was made.
    if (err instanceof DomainError && (err.code === 'already_decided' || (await loadStageDecision(ctx.deps.db, ctx.workspace.id, a.o, a.r, a.s, ctx.workspace.settings.timeZone)))) {
      const card = await currentCard(ctx, a, actor, locale);
      return { toast: toastOf('info', 'error.already_decided', {}, locale), ...(card ? { card } : {}) };
    }
    throw err;
  }
  kickOutbox(ctx.deps, ctx.defer);
  const card = await currentCard(ctx, a, actor, locale);
  return { toast: toastOf('success', 'feishu.toast.decided', {}, locale), ...(card ? { card } : {}) };
}
