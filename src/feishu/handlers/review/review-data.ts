import type { FormError } from '../../../../cards/feishu/form-card.ts';
import type { Json } from '../../../../cards/feishu/kit.ts';
import { reviewCard, type ReviewCardProps } from '../../../../cards/feishu/review-card.ts';
import type { CardContext, ReviewDueView } from '../../../../cards/view.ts';
import type { Deps, DepsCore } from '../../../deps.ts';
import { shortfallsOf } from '../../../domain/metrics.ts';
import type { WorkspaceContext } from '../../../domain/ports.ts';
import { loadReviewDueView } from '../../../views/followup-view.ts';

/** What a recorded review shows: each metric's progress and the ones short of the threshold (the domain's one rule). */
export const recordedOf = (view: ReviewDueView, threshold: number): NonNullable<ReviewCardProps['recorded']> => shortfallsOf(view.metrics, threshold);

/** The review and what its card needs; null when the review is not in this workspace. */
export async function reviewView(deps: Deps | DepsCore, workspace: WorkspaceContext, scheduleId: string, timeZone: string): Promise<ReviewDueView | null> {
  // The view has no language-dependent text, so one read serves both card languages.
  const forecast = { threshold: workspace.settings.shortfallThreshold, now: deps.clock.now() };
  return loadReviewDueView(deps.db, workspace.id, scheduleId, { locale: workspace.settings.locale, timeZone, publicUrl: deps.config.publicUrl, forecast }, deps.clock.now());
}

/** The review card as it stands now — the form (with values and errors), or what was recorded — and the review's status. */
export async function reviewRender(
  deps: Deps | DepsCore,
  workspace: WorkspaceContext,
  scheduleId: string,
  timeZone: string,
  opts: { reminder: boolean; values?: Record<string, string>; errors?: FormError[] },
): Promise<{ render: (ctx: CardContext) => Json; view: ReviewDueView } | null> {
  const view = await reviewView(deps, workspace, scheduleId, timeZone);
  if (!view) return null;
  const threshold = workspace.settings.shortfallThreshold;
  const props: ReviewCardProps = { review: view, reminder: opts.reminder, values: opts.values ?? {}, errors: opts.errors ?? [], recorded: view.status === 'done' ? recordedOf(view, threshold) : null, threshold };
  return { render: (ctx) => reviewCard(props, ctx), view };
}
