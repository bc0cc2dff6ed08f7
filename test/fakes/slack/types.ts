/** Public record types of the fake Slack Web API. */

/** A workspace member, registered with `addUser`. */
export interface SlackUserInput {
  id: string;
  name?: string;
  real_name?: string;
  /** Returned by users.info only with `include_locale=true`, like Slack. */
  locale?: string;
  /** IANA zone, e.g. `Asia/Shanghai`; users.info derives `tz_label`/`tz_offset` from it. */
  tz?: string;
  email?: string;
  is_bot?: boolean;
  /** Workspace admin / owner, as users.info reports them. */
  is_admin?: boolean;
  is_owner?: boolean;
  deleted?: boolean;
  team_id?: string;
  /** Channels the user is a member of (conversations.members lists them; a channel nobody is in is `channel_not_found`). */
  channels?: string[];
}

/** A message the app posted (chat.postMessage), updated in place by chat.update. */
export interface SlackStoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  metadata?: unknown;
  user: string;
  bot_id: string;
  team: string;
  /** Earlier versions, oldest first, with the fake-clock time they were replaced. */
  history: Array<{ text?: string; blocks?: unknown[]; replacedAt: number }>;
}

/** An ephemeral message (chat.postEphemeral). */
export interface SlackEphemeral {
  channel: string;
  user: string;
  text?: string;
  blocks?: unknown[];
  message_ts: string;
}

/** A view as Slack returns it from views.* (plus who it belongs to). */
export interface SlackViewRecord {
  id: string;
  team_id: string;
  type: string;
  hash: string;
  blocks: unknown[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  bot_id: string;
  state: { values: Record<string, unknown> };
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  clear_on_close: boolean;
  notify_on_close: boolean;
  /** Owner of a Home tab (views.publish). */
  user_id?: string;
}

/** One HTTP request the fake received. */
export interface RecordedSlackCall {
  /** Web API method (`chat.postMessage`), or `response_url` / `files.download`. */
  method: string;
  /** Parsed arguments; JSON-valued fields (`blocks`, `view`, …) are decoded. */
  body: Record<string, unknown>;
  headers: Record<string, string>;
  rawBody: string;
  /** Fake-clock time (ms) the request arrived. */
  at: number;
  /** HTTP status and JSON body sent back (filled once answered). */
  status?: number;
  response?: unknown;
}

/** A file registered with `addFile`, served by files.info and the download URL. */
export interface SlackFileInput {
  id?: string;
  name: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  user?: string;
  content: Buffer | string;
}

/** What a token authenticates as. */
export interface SlackTokenInfo {
  token: string;
  kind: 'bot' | 'user';
  teamId: string;
  teamName: string;
  userId: string;
  botId?: string;
  enterpriseId?: string;
}

/** Options for an OAuth code handed out by `issueOAuthCode`. */
export interface OAuthCodeOptions {
  /** Installing user (default `U_INSTALLER`). */
  userId?: string;
  /** Bot scopes (default `commands,chat:write,users:read,im:write,files:read`). */
  scope?: string;
  /** User scopes; when set, an `authed_user.access_token` (xoxp-) is issued too. */
  userScope?: string;
  /** If set, oauth.v2.access must send the same `redirect_uri`. */
  redirectUri?: string;
  enterprise?: { id: string; name?: string };
}
