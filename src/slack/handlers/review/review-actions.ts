import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { REVIEW_RECORD_ACTION } from '../../../../cards/slack/review-card.ts';
import { REVIEW_CALLBACK, renderReviewModal } from '../../../../cards/slack/review-modal.ts';
import type { Deps } from '../../../deps.ts';
import { kickOutbox } from '../../../delivery/kick.ts';
import { DomainError } from '../../../domain/errors.ts';
import { recordReview } from '../../../domain/record-review.ts';
import { loadReviewDueView } from '../../../views/followup-view.ts';
import { publishHome } from '../home/publish-home.ts';
import { readMetadata } from '../metadata.ts';
import { readReview, reviewBlockFor } from './read-review.ts';
import type { StateValues } from '../submit/read-submission.ts';
import { asModal, errorText, tell } from '../../reply.ts';
import { depsOf, memberOf, scopeOf, type Member, type SlackScope } from '../../context.ts';
import { clickContext, tellError, type ClickArgs } from '../click.ts';

/** What the review form carries from the click to its submission. */
interface ReviewMeta {
  r: string;
  home: boolean;
}

/** Only the owner records, and only while the review is open: said before the form opens. */
async function assertRecordable(scope: SlackScope, member: Member, scheduleId: string): Promise<void> {
  const review = await scope.deps.repos.reviews.get(scope.ws.id, scheduleId);
  if (!review) throw new DomainError('not_found', 'error.not_found');
  if (review.ownerId !== member.ref.id) throw new DomainError('forbidden', 'error.review_owner_only');
  if (review.status === 'done' || review.status === 'cancelled') throw new DomainError('closed', 'error.review_already_recorded');
}

/** "Record actual values" on the review card or the Home tab: opens the form. */
async function onRecord(deps: Deps, args: ClickArgs): Promise<void> {
  const c = await clickContext(deps, args);
  const { scope, member, action } = c;
  try {
    if (action?.a !== 'review') throw new DomainError('not_found', 'error.not_found');
    await assertRecordable(scope, member, action.r);
    const reader = { locale: member.locale, timeZone: member.timeZone, publicUrl: deps.config.publicUrl };
    const view = await loadReviewDueView(deps.db, scope.workspace.id, action.r, reader, deps.clock.now());
    if (!view) throw new DomainError('not_found', 'error.not_found');
    const privateMetadata = JSON.stringify({ r: action.r, home: c.fromHome } satisfies ReviewMeta);
    await scope.client.views.open({ trigger_id: args.body.trigger_id, view: asModal(renderReviewModal(member.cards, { view, privateMetadata })) });
  } catch (err) {
    if (err instanceof DomainError) return tellError(deps, c, err);
    deps.log('warn', 'could not open the review form', { error: err instanceof Error ? err.message : String(err) });
    await tell(scope, member, { ...c.target, triggerId: undefined }, member.cards.t('slack.modal_failed'));
  }
}

const readMeta = (raw: string | undefined) => readMetadata<ReviewMeta>(raw, (m) => (typeof m.r === 'string' && m.r ? { r: m.r, home: m.home === true } : null));

/** The review form's submission: stored through recordReview, or each problem beside its input. */
function registerReviewView(app: App): void {
  app.view(REVIEW_CALLBACK, async ({ ack, body, view, context, client }) => {
    const scope = scopeOf(context, client);
    const { deps } = scope;
    const member = await memberOf(scope, body.user.id);
    const meta = readMeta(view.private_metadata);
    const parsed = readReview(view.state.values as StateValues);
    const inputs = view.blocks.filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id!);
    try {
      if (!meta) throw new DomainError('not_found', 'error.not_found');
      const ctx = { clock: deps.clock, reviews: deps.repos.reviews, people: deps.repos.people, via: deps.verbs.via };
      await recordReview({ ctx, input: { workspace: scope.ws, scheduleId: meta.r, actor: member.ref, values: parsed.values, evidenceUrl: parsed.evidenceUrl, comment: parsed.comment } });
    } catch (err) {
      const errors: Record<string, string> = {};
      const fields = err instanceof DomainError ? err.fields : [];
      for (const f of fields) errors[reviewBlockFor(f.field, inputs)] ??= member.cards.t(f.key, f.params);
      if (!fields.length) errors[reviewBlockFor('', inputs)] = errorText(err, member.locale, deps.log);
      return ack({ response_action: 'errors', errors });
    }
    await ack();
    kickOutbox(deps, scope.defer);
    if (meta.home) scope.defer(() => publishHome(scope, member));
  });
}

/** The follow-up review: the card's (and Home tab's) record button and the form behind it. */
export function registerReviewActions(app: App): void {
  app.action<BlockAction<ButtonAction>>(REVIEW_RECORD_ACTION, (args) => onRecord(depsOf(args.context), args));
  registerReviewView(app);
}
