/** Public record types of the fake Feishu/Lark Open API. */

/** A contact-directory user, registered with `addUser`. */
export interface FeishuUserInput {
  open_id: string;
  union_id?: string;
  user_id?: string;
  name?: string;
  en_name?: string;
  email?: string;
  /** Direct manager's open_id (returned converted to the requested `user_id_type`). */
  leader_user_id?: string;
  department_ids?: string[];
  time_zone?: string;
  /** Tenant administrator (contact v3 user `is_tenant_manager`). */
  is_tenant_manager?: boolean;
  /**
   * Kept for tests; not returned by the contact API (contact v3 user has `time_zone`
   * but no locale field).
   */
  locale?: string;
}

/** A group chat the bot is in, registered with `addChat`. */
export interface FeishuChatInput {
  chat_id: string;
  name?: string;
  /** Members' open_ids, listed by im/v1/chats/:chat_id/members (bots are never listed). */
  members?: string[];
  /** A topic group refuses "only visible to you" cards (default: a normal group). */
  chat_mode?: 'group' | 'topic';
}

/** A message the app sent (im/v1/messages), with later updates. */
export interface FeishuMessage {
  message_id: string;
  chat_id: string;
  receive_id: string;
  receive_id_type: string;
  msg_type: string;
  /** Current content (a JSON string, as the API takes it). */
  content: string;
  uuid?: string;
  /** Fake-clock ms. */
  create_time: number;
  updates: Array<{ content: string; at: number; via: 'patch' | 'card_update' }>;
  /** An "only visible to you" card in `chat_id`, seen by `receive_id` alone (cannot be PATCHed). */
  ephemeral?: true;
}

/** One HTTP request the fake received. */
export interface RecordedFeishuCall {
  method: string;
  /** URL path without the query (`/open-apis/im/v1/messages`). */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, multipart field summary, or undefined. */
  body: unknown;
  headers: Record<string, string>;
  /** Fake-clock ms the request arrived. */
  at: number;
  /** Requests still unanswered when this one arrived (calls made side by side see each other). */
  inFlight: number;
  /** The connection was dropped without an answer (an injected reset). */
  dropped?: boolean;
  /** HTTP status and JSON body sent back (filled once answered). */
  status?: number;
  response?: unknown;
}

/** A downloadable message resource, registered with `addResource`. */
export interface FeishuResourceInput {
  data: Buffer | string;
  contentType?: string;
  name?: string;
}

/** Options of an OAuth code handed out by `issueAuthCode`. */
export interface FeishuAuthCodeOptions {
  /** When set, /authen/v2/oauth/token must send the same `redirect_uri`. */
  redirectUri?: string;
  /** Space-separated scopes; `offline_access` adds a refresh_token. */
  scope?: string;
}
