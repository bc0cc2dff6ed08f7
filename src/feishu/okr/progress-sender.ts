/**
 * The outbox sender of progress records to Feishu OKR (platform `feishu_okr`): a verified
 * outcome or a recorded review, written once to the key result it counts towards. The drainer
 * retries a throttled call when Feishu says (x-ogw-ratelimit-reset) and a 5xx or network
 * failure with its backoff; a missing permission is told to the admins once and the row ends
 * (no retry storm); the local data is never touched by a refusal.
 */
import { keyResultScoreRows, outcomeForProgress } from '../../db/queries/okr.ts';
import { workspaceById } from '../../db/queries/workspaces.ts';
import { writeOkrBlocked } from '../../db/repos/okr-blocked.ts';
import type { DepsCore } from '../../deps-types.ts';
import type { Sender, SendResult } from '../../delivery/types.ts';
import { keyResultScore, outcomeAttainment } from '../../domain/okr.ts';
import { formatPct, t } from '../../i18n/index.ts';
import { feishuClient } from '../adapter/client.ts';
import { createKrProgress, OKR_SCOPES, okrFailure } from './okr-api.ts';

const done = (result: Record<string, unknown>): SendResult => ({ ok: true, result });
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The sender; undefined when Feishu is not configured. */
export function createOkrProgressSender(deps: DepsCore): Sender | undefined {
  if (!deps.config.feishu) return undefined;
  return {
    async send(row) {
      const outcomeId = str(row.payload.outcomeId);
      const keyResultId = str(row.payload.keyResultId);
      const event = row.payload.event === 'review' ? 'review' : row.payload.event === 'verified' ? 'verified' : null;
      if (!outcomeId || !keyResultId || !event) return { ok: false, error: 'malformed okr_progress payload', permanent: true };
      const ws = await workspaceById(deps.db, row.workspaceId);
      const outcome = ws && (await outcomeForProgress(deps.db, ws.id, outcomeId));
      // Unlinked (or moved to another key result) before this went out: nothing to tell this one.
      if (!ws || !outcome || outcome.keyResultId !== keyResultId) return done({ skipped: 'the outcome no longer counts towards this key result' });
      const locale = ws.settings.locale;
      const attainment = outcomeAttainment(outcome.metrics);
      const text =
        event === 'verified'
          ? t(locale, 'okr.progress.verified', { title: outcome.title })
          : t(locale, attainment === null ? 'okr.progress.review_unmeasured' : 'okr.progress.review', { title: outcome.title, attainment: formatPct(attainment, locale) });
      const score = await keyResultScoreRows(deps.db, ws.id, keyResultId);
      const percent = score ? keyResultScore(score.manual, groupAttainments(score.metrics)).score : null;
      try {
        const progressId = await createKrProgress(feishuClient(deps), { krId: row.destination, title: outcome.title, url: `${deps.config.publicUrl.replace(/\/+$/, '')}/app/outcomes/${outcomeId}`, text, percent });
        return done({ progress_id: progressId });
      } catch (err) {
        const f = okrFailure(err, [...OKR_SCOPES.progress]);
        if (f.kind === 'throttled') return { ok: false, error: f.msg, retryAfterMs: f.retryAfterMs };
        if (f.kind === 'transient') return { ok: false, error: f.msg };
        if (f.kind === 'blocked') await writeOkrBlocked(deps.db, ws, { operation: 'progress', code: f.code, msg: f.msg, scopes: f.scopes }, deps.clock.now());
        return { ok: false, error: f.msg, permanent: true };
      }
    },
  };
}

/** Each linked outcome's attainment, from the metrics of all of them. */
function groupAttainments(ms: { outcomeId: string; baseline: number; target: number; actual: number | null }[]): (number | null)[] {
  const by = new Map<string, typeof ms>();
  for (const m of ms) by.set(m.outcomeId, [...(by.get(m.outcomeId) ?? []), m]);
  return [...by.values()].map(outcomeAttainment);
}
