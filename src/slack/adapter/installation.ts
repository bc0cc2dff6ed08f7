import type { DepsCore } from '../../deps.ts';
import type { WorkspaceRow } from '../../db/repos/workspace-repo.ts';
import { openSecret, SecretBoxError } from '../../security/secret-box.ts';

/** A workspace we can act in, and the bot token to act with. */
export interface Installation {
  workspace: WorkspaceRow;
  botToken: string;
}

/** Additional data of a stored token's encryption: the box only opens for its own team. */
export const tokenContext = (teamId: string) => `slack-bot-token:${teamId}`;

/**
 * The bot token of a workspace: its own OAuth token (decrypted with APP_SECRET) or, in
 * single-workspace mode, SLACK_BOT_TOKEN. Null when neither is available.
 */
export async function botTokenOf(deps: DepsCore, workspace: WorkspaceRow): Promise<string | null> {
  if (workspace.botTokenEnc && deps.config.appSecret) {
    try {
      return await openSecret(deps.config.appSecret, workspace.botTokenEnc, tokenContext(workspace.externalId));
    } catch (err) {
      if (!(err instanceof SecretBoxError)) throw err;
      // APP_SECRET changed since the install: reinstalling stores a token we can read again.
      deps.log('error', 'stored Slack token cannot be decrypted; reinstall the app', { team: workspace.externalId });
    }
  }
  return deps.config.slack?.botToken ?? null;
}

async function resolve(deps: DepsCore, teamId: string): Promise<Installation | null> {
  const existing = await deps.repos.workspaces.byExternalId('slack', teamId);
  if (existing) {
    const botToken = await botTokenOf(deps, existing);
    return botToken ? { workspace: existing, botToken } : null;
  }
  // Single-workspace mode: the team is known from the verified request; create it on first sight.
  if (!deps.config.slack?.botToken) return null;
  return { workspace: await deps.repos.workspaces.ensure('slack', teamId), botToken: deps.config.slack.botToken };
}

const perRequest = new WeakMap<object, Promise<Installation | null>>();

/**
 * The installation a verified request belongs to (its team id, never user input), looked
 * up once per request body: the route and Bolt's `authorize` both ask for it.
 */
export function installationFor(deps: DepsCore, body: object, teamId: string): Promise<Installation | null> {
  let found = perRequest.get(body);
  if (!found) {
    found = resolve(deps, teamId);
    perRequest.set(body, found);
  }
  return found;
}
