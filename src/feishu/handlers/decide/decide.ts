import type { CardAction } from '../../../../cards/actions.ts';
import { APPROVAL_FIELDS } from '../../../../cards/feishu/approval-card.ts';
import { decideOutcome } from '../../../domain/decide-outcome.ts';
import { DomainError } from '../../../domain/errors.ts';
import { parseScoreCard } from '../../../domain/scores.ts';
import type { PersonRef } from '../../../domain/ports.ts';
import type { Locale, ScoreCard } from '../../../domain/types.ts';
import { kickOutbox } from '../../../delivery/kick.ts';
import { approvalViewOf, loadApproval } from '../../../delivery/kinds/approval-request.ts';
import type { ApprovalView } from '../../../delivery/kinds/views.ts';
import { readOutcomeParts, rereadDecided, type OutcomeParts } from '../../../db/queries/outcomes.ts';
import { withLoadedOutcome } from '../../../db/repos/loaded-outcome.ts';
import { renderFeishu } from '../../adapter/render.ts';
import type { CardResponse } from '../../inbound/card-response.ts';
import { timeZoneOf, type FeishuCtx } from '../../context.ts';
import { forecastsOf, loadStageDecision, outcomeViewOf, stageDecisionOf } from '../../../views/outcome-view.ts';
import { feishuOutcomeEvidence, feishuOutcomeView } from '../../adapter/outcome-data.ts';
import { formText } from '../submit/parse-form.ts';
import { toastOf } from '../../render.ts';

type Decide = Extract<CardAction, { a: 'approve' | 'request_changes' | 'reject' }>;

const text = formText;

/** The score selects: null when none was picked; otherwise every one (a missing one fails the domain's 1–5 rule). */
export function scoresOf(formValue: Record<string, unknown>): ScoreCard | null {
  return parseScoreCard((dim) => text(formValue[APPROVAL_FIELDS[dim]]));
}

type Card = CardResponse['card'];

/** The approval view rendered as the Feishu adapter renders it (what the outbox sends and updates). */
function rendered(ctx: FeishuCtx, view: ApprovalView | null, locale: Locale): Card {
  if (!view) return undefined;
  const card = renderFeishu(view, { locale, publicUrl: ctx.deps.config.publicUrl });
  return 'unsendable' in card ? undefined : { type: 'raw', data: card };
}

/**
 * The approval card as it stands now (decided or not), in the clicker's zone: loaded as the
 * approval kind loads it, so the card the callback returns is the one the outbox sends.
 */
async function currentCard(ctx: FeishuCtx, a: Decide, viewer: PersonRef, locale: Locale): Promise<Card> {
  const { deps, workspace } = ctx;
  const kindCtx = { db: deps.db, clock: deps.clock, outcome: (wsId: string, outcomeId: string, tz: string) => feishuOutcomeView(deps, wsId, outcomeId, tz, workspace.settings.shortfallThreshold) };
  return rendered(ctx, await loadApproval(kindCtx, { outcomeId: a.o, round: a.r, stage: a.s }, { workspace, timeZone: timeZoneOf(viewer, workspace) }), locale);
}

/** The same card from outcome parts this request has read already (the decided card after a click). */
async function cardFrom(ctx: FeishuCtx, a: Decide, parts: OutcomeParts, viewer: PersonRef, locale: Locale): Promise<Card> {
  const { deps, workspace } = ctx;
  const timeZone = timeZoneOf(viewer, workspace);
  const forecasts = await forecastsOf(deps.db, workspace.id, parts, { threshold: workspace.settings.shortfallThreshold, now: deps.clock.now() });
  const outcome = await feishuOutcomeEvidence(deps, workspace.id, outcomeViewOf(parts, { timeZone, publicUrl: deps.config.publicUrl }, forecasts));
  return rendered(ctx, approvalViewOf(outcome, stageDecisionOf(parts, a.r, a.s, timeZone), { outcomeId: a.o, round: a.r, stage: a.s }), locale);
}

/**
 * A reviewer's click on Approve / Request changes / Reject. The domain decides who may and
 * what is needed (scores to approve, a comment otherwise); the clicked card is replaced in
 * the response by the decided one, and the rest (next stage, the member's notice, other
 * copies of the card) goes out through the outbox after the response. The outcome is read
 * once (one round trip), with the clicker and the PMO reviewers: the verb decides on it, and
 * after the write only its row and its decisions are read again (one round trip) for the card.
 */
export async function decide(ctx: FeishuCtx, a: Decide, actor: PersonRef, formValue: Record<string, unknown>, locale: Locale): Promise<CardResponse> {
  const { deps, workspace } = ctx;
  // The PMO reviewers come along: a stage-1 approval asks them next, and the verb looks them up.
  const parts = await readOutcomeParts(deps.db, workspace.id, a.o, { ids: [actor.id], addresses: workspace.settings.pmoReviewers });
  try {
    await decideOutcome({
      ctx: withLoadedOutcome(deps.verbs, parts),
      input: { workspace, outcomeId: a.o, actor, decision: a.a, comment: text(formValue[APPROVAL_FIELDS.comment]) || null, scores: scoresOf(formValue), round: a.r, stage: a.s },
    });
  } catch (err) {
    // A second click (or a stale card) finds this stage decided — by the time it reads the
    // outcome that may look like any refusal — and is shown the decision that was made.
    if (err instanceof DomainError && (err.code === 'already_decided' || (await loadStageDecision(deps.db, workspace.id, a.o, a.r, a.s, workspace.settings.timeZone)))) {
      const card = await currentCard(ctx, a, actor, locale);
      return { toast: toastOf('info', 'error.already_decided', {}, locale), ...(card ? { card } : {}) };
    }
    throw err;
  }
  kickOutbox(deps, ctx.defer);
  const after = parts && (await rereadDecided(deps.db, parts));
  const card = after ? await cardFrom(ctx, a, after, actor, locale) : undefined;
  return { toast: toastOf('success', 'feishu.toast.decided', {}, locale), ...(card ? { card } : {}) };
}
