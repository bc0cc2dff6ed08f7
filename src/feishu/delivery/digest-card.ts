import { digestCard } from '../../../cards/feishu/followup-notices.ts';
import type { DepsCore } from '../../deps.ts';
import type { OutboxRow, SendResult } from '../../delivery/types.ts';
import { composeDigest, type DigestData } from '../../domain/digest.ts';
import { malformed, sendRendered } from './api.ts';
import { recipientOf } from './recipient.ts';

const isDigest = (d: unknown): d is DigestData => {
  const x = d as Record<string, unknown> | null;
  return !!x && typeof x.week === 'string' && ['waiting', 'overdue', 'improvements', 'nps'].every((k) => Array.isArray(x[k]));
};

/** digest: Monday's sentences, in the workspace language, to the PMO chat or each PMO reviewer. */
export async function sendDigest(deps: DepsCore, row: OutboxRow): Promise<SendResult> {
  const r = await recipientOf(deps, row);
  const data = row.payload.digest;
  if (!r || !isDigest(data)) return malformed(row);
  const lines = composeDigest(data, r.workspace.settings.locale);
  return sendRendered(deps, row, (ctx) => digestCard({ lines, url: `${deps.config.publicUrl}/app` }, ctx), r.workspace.settings.locale);
}
