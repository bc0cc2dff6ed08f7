import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { and, desc, eq, ne } from 'drizzle-orm';
import { NPS_FIELDS, type NpsFormProps } from '../../../cards/feishu/nps-form-card.ts';
import type { Deps, DepsCore } from '../../deps.ts';
import { outcomes } from '../../db/schema/index.ts';
import type { PersonRef, WorkspaceContext } from '../../domain/ports.ts';
import { reviewerChoices } from '../contact.ts';
import { timeZoneOf } from '../context.ts';
import { newNonce } from '../form/form-props.ts';
import { listProjects } from '../projects.ts';
import { listBotChats } from './chats.ts';

type AnyDeps = Deps | DepsCore;

/** Outcomes a survey may be linked to (the latest, rejected ones left out). */
async function surveyOutcomes(deps: AnyDeps, workspaceId: string, limit = 50) {
  return deps.db
    .select({ id: outcomes.id, title: outcomes.title })
    .from(outcomes)
    .where(and(eq(outcomes.workspaceId, workspaceId), ne(outcomes.status, 'rejected')))
    .orderBy(desc(outcomes.createdAt))
    .limit(limit);
}

/** The project an outcome of this workspace belongs to; undefined when there is no such outcome. */
export async function outcomeProject(deps: AnyDeps, workspaceId: string, outcomeId: string): Promise<string | null | undefined> {
  const [o] = await deps.db.select({ projectId: outcomes.projectId }).from(outcomes).where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId)));
  return o ? o.projectId : undefined;
}

/** Props of the survey form with these values and errors; projects, outcomes, people and groups read fresh. */
export async function npsFormProps(deps: AnyDeps, workspace: WorkspaceContext, member: PersonRef, p: Pick<NpsFormProps, 'nonce' | 'values' | 'people' | 'errors'>): Promise<NpsFormProps> {
  const [projects, linkable, peopleChoices, chats] = await Promise.all([
    listProjects(deps, workspace.id),
    surveyOutcomes(deps, workspace.id),
    reviewerChoices(deps, workspace.id, member, null, 100),
    listBotChats(deps),
  ]);
  // The group the command came from is offered even when the list did not include it.
  const chosen = p.values[NPS_FIELDS.chat];
  const withChosen = chosen && !chats.some((c) => c.id === chosen) ? [{ id: chosen, name: chosen }, ...chats] : chats;
  return { ...p, projects, outcomes: linkable, peopleChoices, chats: withChosen, reminderDays: workspace.settings.reminderAfterDays };
}

/** A new survey form: follow-up, closing a week from now at 18:00 in the member's zone, the group it was asked from preselected. */
export async function newNpsFormProps(deps: AnyDeps, workspace: WorkspaceContext, member: PersonRef, chatId: string | null): Promise<NpsFormProps> {
  const zone = timeZoneOf(member, workspace);
  const closes = new TZDate(deps.clock.now().getTime() + 7 * 86_400_000, zone);
  closes.setHours(18, 0, 0, 0);
  const values: Record<string, string> = { [NPS_FIELDS.kind]: 'follow_up', [NPS_FIELDS.closes]: format(closes, 'yyyy-MM-dd HH:mm'), ...(chatId ? { [NPS_FIELDS.chat]: chatId } : {}) };
  return npsFormProps(deps, workspace, member, { nonce: newNonce(), values, people: [], errors: [] });
}
