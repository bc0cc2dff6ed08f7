/** In-memory workspace state behind the fake Slack Web API. */
import { createIdGenerator, hex, stableId } from '../shared/ids.ts';
import type {
  OAuthCodeOptions,
  SlackEphemeral,
  SlackFileInput,
  SlackStoredMessage,
  SlackTokenInfo,
  SlackUserInput,
  SlackViewRecord,
} from './types.ts';

/** Fixed identity of the fake app and its default workspace. */
export interface SlackConfig {
  token: string;
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  appId: string;
  clientId: string;
  clientSecret: string;
  /** `msg_blocks_too_long` above this many block text characters. */
  blocksTextCeiling: number;
  origin: string;
}

interface Trigger {
  issuedAt: number;
  used: boolean;
  viewId?: string;
}

interface OAuthCode extends OAuthCodeOptions {
  team: { id: string; name: string };
  issuedAt: number;
  used: boolean;
}

/** Trigger ids live 3 s and are single use (platform-facts §1.3). */
export const TRIGGER_TTL_MS = 3_000;
/** Slack OAuth codes expire after 10 minutes. */
export const OAUTH_CODE_TTL_MS = 10 * 60_000;

/** Everything the fake remembers; handlers read and mutate it. */
export class SlackState {
  readonly nextId = createIdGenerator();
  readonly users = new Map<string, SlackUserInput & { team_id: string }>();
  readonly tokens = new Map<string, SlackTokenInfo>();
  readonly messages: SlackStoredMessage[] = [];
  readonly ephemerals: SlackEphemeral[] = [];
  readonly views = new Map<string, SlackViewRecord>();
  /** Modal stacks, each a list of view ids from root to top. */
  readonly stacks: string[][] = [];
  readonly homeViews = new Map<string, SlackViewRecord>();
  readonly triggers = new Map<string, Trigger>();
  readonly files = new Map<string, { file: Record<string, unknown>; content: Buffer }>();
  readonly oauthCodes = new Map<string, OAuthCode>();
  private tsSeq = 0;

  readonly config: SlackConfig;

  constructor(config: SlackConfig) {
    this.config = config;
    this.tokens.set(config.token, {
      token: config.token,
      kind: 'bot',
      teamId: config.teamId,
      teamName: config.teamName,
      userId: config.botUserId,
      botId: config.botId,
    });
  }

  /** A unique Slack-style message timestamp (`1700000000.000123`). */
  nextTs(now: number): string {
    this.tsSeq += 1;
    return `${Math.floor(now / 1000)}.${String(this.tsSeq).padStart(6, '0')}`;
  }

  /** The IM channel id between the bot and `userId` (stable). */
  dmChannelFor(userId: string): string {
    return `D${stableId(userId, 8).toUpperCase()}`;
  }

  /** Maps a `channel` argument to a channel id, or undefined (→ `channel_not_found`). */
  resolveChannel(channel: unknown): string | undefined {
    if (typeof channel !== 'string') return undefined;
    if (/^[CGD][A-Z0-9]+$/.test(channel)) return channel;
    if (/^[UW][A-Z0-9]+$/.test(channel) && this.users.has(channel)) return this.dmChannelFor(channel);
    return undefined;
  }

  /** Hands out a trigger id (`123.456.abc` format) valid for 3 s from `now`, usable once. */
  issueTrigger(now: number, viewId?: string): string {
    const id = `${Math.floor(now / 1000)}.${Math.floor(Math.random() * 1e10)}.${hex(16)}`;
    this.triggers.set(id, { issuedAt: now, used: false, ...(viewId ? { viewId } : {}) });
    return id;
  }

  /** Registers an OAuth code for installing into `team`. */
  issueOAuthCode(now: number, team: { id: string; name: string }, opts: OAuthCodeOptions): string {
    const code = `${Math.floor(now / 1000)}.${Math.floor(Math.random() * 1e12)}.${hex(24)}`;
    this.oauthCodes.set(code, { ...opts, team, issuedAt: now, used: false });
    return code;
  }

  /** Registers a file and returns the file object files.info answers with. */
  addFile(input: SlackFileInput, now: number): Record<string, unknown> {
    const id = input.id ?? this.nextId('F');
    const content = Buffer.isBuffer(input.content) ? input.content : Buffer.from(input.content);
    const url = `${this.config.origin}/files/${id}/${encodeURIComponent(input.name)}`;
    const file = {
      id,
      created: Math.floor(now / 1000),
      timestamp: Math.floor(now / 1000),
      name: input.name,
      title: input.title ?? input.name,
      mimetype: input.mimetype ?? 'application/octet-stream',
      filetype: input.filetype ?? (input.name.split('.').pop() ?? 'binary'),
      user: input.user ?? this.config.botUserId,
      size: content.length,
      mode: 'hosted',
      is_external: false,
      url_private: url,
      url_private_download: `${url}?download=1`,
      permalink: `https://fake.slack.com/files/${input.user ?? 'U'}/${id}/${input.name}`,
    };
    this.files.set(id, { file, content });
    return file;
  }
}
