import { defineKind, read } from './types.ts';

/**
 * submission_receipt: the member's summary of what they submitted. Skipped where the
 * surface they submitted from already turned into that summary (Feishu's form card), so
 * nobody reads the same summary twice.
 */
export const submissionReceipt = defineKind<{ outcomeId: string }>({
  kind: 'submission_receipt',
  parse: (row) => {
    const outcomeId = read.str(row.payload.outcomeId);
    return outcomeId ? { outcomeId } : null;
  },
  audience: 'person',
  async load(ctx, p, to) {
    const outcome = await ctx.outcome(to.workspace.id, p.outcomeId, to.timeZone);
    return outcome ? { type: 'receipt', outcome } : null;
  },
  skipWhen: (_v, ctx) => (ctx.submitSurfaceShowsReceipt ? 'the form the member submitted from shows the summary' : null),
  posts: true,
});
