import type { OutcomeView } from '../../../cards/view.ts';
import type { Deps, DepsCore } from '../../deps.ts';
import { loadOutcomeView } from '../../views/outcome-view.ts';
import { evidenceLink } from './evidence-link.ts';

/**
 * An outcome as Feishu cards show it: the shared view model, with each file the member
 * sent turned into a signed link reviewers can open; with the workspace's `threshold`, each
 * metric carries its forecast.
 */
export async function feishuOutcomeView(deps: Deps | DepsCore, workspaceId: string, outcomeId: string, timeZone: string, threshold?: number): Promise<OutcomeView | null> {
  const forecast = threshold === undefined ? undefined : { threshold, now: deps.clock.now() };
  const view = await loadOutcomeView(deps.db, workspaceId, outcomeId, { timeZone, publicUrl: deps.config.publicUrl, forecast });
  return view && feishuOutcomeEvidence(deps, workspaceId, view);
}

/** The files of an outcome view as signed links reviewers can open. */
export async function feishuOutcomeEvidence(deps: Deps | DepsCore, workspaceId: string, view: OutcomeView): Promise<OutcomeView> {
  const { publicUrl, appSecret } = deps.config;
  const evidence = await Promise.all(
    view.evidence.map(async (e) =>
      e.url || !e.fileRef || !e.messageId || !appSecret ? e : { ...e, url: await evidenceLink(publicUrl, appSecret, { workspaceId, messageId: e.messageId, fileKey: e.fileRef }, deps.clock.now()) },
    ),
  );
  return { ...view, evidence };
}
