import { retrospectiveById } from '../../db/queries/retro.ts';
import { loadRetroPack, packLines } from '../../views/retro-pack.ts';
import { payloadId } from './payload-id.ts';
import { defineKind } from './types.ts';

/**
 * retro_pack: before the retrospective meeting, the PMO (channel, else each reviewer) gets
 * the period's verified outcomes, shortfalls and lessons and the insights, read when it is
 * sent, with the link to the retrospective page. One report in the workspace's language.
 */
export const retroPack = defineKind<{ retrospectiveId: string }>({
  kind: 'retro_pack',
  parse: payloadId('retrospectiveId'),
  audience: 'workspace',
  async load(ctx, p, to) {
    const retro = await retrospectiveById(ctx.db, to.workspace.id, p.retrospectiveId);
    if (!retro) return null;
    const data = await loadRetroPack(ctx.db, retro, to.workspace.settings, ctx.clock.now());
    return { type: 'retro_pack', period: retro.periodKey, lines: { en: packLines(data, 'en'), 'zh-CN': packLines(data, 'zh-CN') }, url: `${ctx.publicUrl}/app/retros/${retro.id}` };
  },
  skipWhen: () => null,
  posts: true,
});
