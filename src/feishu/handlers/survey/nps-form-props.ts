import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { NPS_FIELDS, type NpsFormProps } from '../../../../cards/feishu/nps-form-card.ts';
import { surveyableOutcomes } from '../../../db/queries/outcomes.ts';
import type { Deps, DepsCore } from '../../../deps.ts';
import type { PersonRef, WorkspaceContext } from '../../../domain/ports.ts';
import { reviewerChoices } from '../../adapter/contact.ts';
import { timeZoneOf } from '../../context.ts';
import { newNonce } from '../submit/form-props.ts';
import { listProjects } from '../../projects.ts';
import { listBotChats } from './chats.ts';
import type { LookupBudget } from '../../adapter/timeout.ts';

type AnyDeps = Deps | DepsCore;

/** Outcomes a survey may be linked to: the latest 50, rejected ones left out. */
async function surveyOutcomes(deps: AnyDeps, workspaceId: string) {
  const rows = await surveyableOutcomes(deps.db, workspaceId, { limit: 50, withoutRejected: true });
  return rows.map((o) => ({ id: o.id, title: o.title }));
}

/**
 * Props of the survey form with these values and errors; projects, outcomes, people and
 * groups read fresh (the groups within `budget`, a card callback's shared one).
 */
export async function npsFormProps(deps: AnyDeps, workspace: WorkspaceContext, member: PersonRef, p: Pick<NpsFormProps, 'nonce' | 'values' | 'people' | 'errors'>, budget?: LookupBudget): Promise<NpsFormProps> {
  const [projects, linkable, peopleChoices, chats] = await Promise.all([
    listProjects(deps, workspace.id),
    surveyOutcomes(deps, workspace.id),
    reviewerChoices(deps, workspace.id, member, null, 100),
    listBotChats(deps, budget),
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
  const values: Record<string, string> = { [NPS_FIELDS.kind]: 'follow_up', [NPS_FIELDS.preset]: 'nps', [NPS_FIELDS.anonymous]: 'named', [NPS_FIELDS.closes]: format(closes, 'yyyy-MM-dd HH:mm'), ...(chatId ? { [NPS_FIELDS.chat]: chatId } : {}) };
  return npsFormProps(deps, workspace, member, { nonce: newNonce(), values, people: [], errors: [] });
}
