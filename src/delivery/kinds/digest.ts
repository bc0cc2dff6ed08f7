import { composeDigest, type DigestData } from '../../domain/digest.ts';
import type { Locale } from '../../domain/types.ts';
import { defineKind } from './types.ts';
import type { DigestView } from './views.ts';

const isDigest = (d: unknown): d is DigestData => {
  const x = d as Record<string, unknown> | null;
  return !!x && typeof x.week === 'string' && ['waiting', 'overdue', 'improvements', 'nps'].every((k) => Array.isArray(x[k]));
};

/** The digest's sentences and link; `locale` fixes one language for every reader (the weekly report). */
export function digestView(data: DigestData, publicUrl: string, locale?: Locale): DigestView {
  const lines = (l: Locale) => composeDigest(data, locale ?? l);
  return { type: 'digest', lines: { en: lines('en'), 'zh-CN': lines('zh-CN') }, url: `${publicUrl}/app` };
}

/**
 * digest: Monday's report, to the PMO channel or each PMO reviewer. One report in the
 * workspace's language (the numbers gathered when the job ran, carried in the row), so
 * it loads nothing and is always relevant.
 */
export const digest = defineKind<DigestData>({
  kind: 'digest',
  parse: (row) => (isDigest(row.payload.digest) ? row.payload.digest : null),
  audience: 'workspace',
  load: async (ctx, data, to) => digestView(data, ctx.publicUrl, to.workspace.settings.locale),
  skipWhen: () => null,
  posts: true,
});
