/** In-memory tenant state behind the fake Feishu Open API. */
import { BaseStore } from './routes-bitable.ts';
import { OkrStore } from './routes-okr.ts';
import { hex, stableId } from '../shared/ids.ts';
import { RateWindow } from '../shared/rate-window.ts';
import type { FeishuAuthCodeOptions, FeishuChatInput, FeishuMessage, FeishuResourceInput, FeishuUserInput } from './types.ts';

/** Identity of the fake app and tenant plus tunable limits. */
export interface FeishuConfig {
  appId: string;
  appSecret: string;
  tenantKey: string;
  /** Code for the per-receiver / per-message 5 QPS limits (99991400 → HTTP 429, 230020 → HTTP 400). */
  receiverLimitCode: number;
}

/** tenant_access_token lifetime (2 h); a call with < 30 min left issues a new one. */
export const TENANT_TOKEN_TTL_MS = 7_200_000;
export const TENANT_TOKEN_REFRESH_MS = 30 * 60_000;
/** Delayed-update card tokens: 30 min, 2 uses (Feishu domain doc, 2025-09-10). */
export const CARD_TOKEN_TTL_MS = 30 * 60_000;
export const CARD_TOKEN_USES = 2;
/** OAuth codes from tt.requestAccess: 3 min, single use. */
export const AUTH_CODE_TTL_MS = 3 * 60_000;
/** `uuid` idempotency window for message create. */
export const UUID_WINDOW_MS = 60 * 60_000;

/** Everything the fake remembers. */
export class FeishuState {
  /** Feishu Base tables for the record search (routes-bitable.ts). */
  readonly bitable = new BaseStore();
  /** Feishu OKR periods, users' OKRs, scopes and progress records (routes-okr.ts). */
  readonly okr = new OkrStore();
  readonly users = new Map<string, FeishuUserInput>();
  readonly chats = new Map<string, FeishuChatInput>();
  readonly messages: FeishuMessage[] = [];
  readonly tenantTokens = new Map<string, number>();
  latestTenantToken?: string;
  readonly userTokens = new Map<string, { openId: string; expiresAt: number }>();
  readonly cardTokens = new Map<string, { expiresAt: number; uses: number; messageId?: string }>();
  readonly authCodes = new Map<string, FeishuAuthCodeOptions & { openId: string; issuedAt: number; used: boolean }>();
  readonly images = new Map<string, { data: Buffer; imageType: string }>();
  readonly resources = new Map<string, { data: Buffer; contentType: string; name: string }>();
  readonly uuids = new Map<string, { messageId: string; at: number }>();
  /** 5 QPS per receive_id (user or chat). */
  readonly receiverWindow = new RateWindow(5, 1000);
  /** "Only visible to you" cards: 40 QPS per chat (platform-facts §7.5). */
  readonly ephemeralWindow = new RateWindow(40, 1000);
  /** 5 QPS per message for PATCH. */
  readonly messageWindow = new RateWindow(5, 1000);
  /** Messages per app (opt-in, see FakeFeishuOptions.appMessageLimit). */
  appWindow?: RateWindow;

  readonly config: FeishuConfig;

  constructor(config: FeishuConfig) {
    this.config = config;
  }

  /** Finds a user by any of its ids. */
  findUser(id: string, type: string): FeishuUserInput | undefined {
    for (const u of this.users.values()) {
      if (type === 'open_id' && u.open_id === id) return u;
      if (type === 'union_id' && u.union_id === id) return u;
      if (type === 'user_id' && u.user_id === id) return u;
      if (type === 'email' && u.email?.toLowerCase() === id.toLowerCase()) return u;
    }
    return undefined;
  }

  /** The user's id of the given type (open_id / union_id / user_id). */
  idOf(user: FeishuUserInput, type: string): string | undefined {
    if (type === 'union_id') return user.union_id;
    if (type === 'user_id') return user.user_id;
    return user.open_id;
  }

  /** The bot's p2p chat with a user (stable). */
  p2pChatFor(openId: string): string {
    return `oc_${stableId(`p2p:${openId}`, 32)}`;
  }

  /** Returns the current tenant token or a new one, following the 30-minute renewal rule. */
  tenantToken(now: number): { token: string; expire: number } {
    const current = this.latestTenantToken;
    const expiresAt = current ? this.tenantTokens.get(current) : undefined;
    if (current && expiresAt !== undefined && expiresAt - now >= TENANT_TOKEN_REFRESH_MS) {
      return { token: current, expire: Math.floor((expiresAt - now) / 1000) };
    }
    const token = `t-${hex(20)}`;
    this.tenantTokens.set(token, now + TENANT_TOKEN_TTL_MS);
    this.latestTenantToken = token;
    return { token, expire: TENANT_TOKEN_TTL_MS / 1000 };
  }

  /** A delayed-update token `c-…` (30 min, 2 uses), optionally bound to a sent message. */
  issueCardToken(now: number, messageId?: string): string {
    const token = `c-${hex(20)}`;
    this.cardTokens.set(token, { expiresAt: now + CARD_TOKEN_TTL_MS, uses: 0, ...(messageId ? { messageId } : {}) });
    return token;
  }

  /** A single-use 3-minute OAuth code for `openId`. */
  issueAuthCode(now: number, openId: string, opts: FeishuAuthCodeOptions): string {
    const code = hex(16);
    this.authCodes.set(code, { ...opts, openId, issuedAt: now, used: false });
    return code;
  }

  /** Registers a downloadable resource of a message. */
  addResource(messageId: string, fileKey: string, input: FeishuResourceInput): void {
    this.resources.set(`${messageId}/${fileKey}`, {
      data: Buffer.isBuffer(input.data) ? input.data : Buffer.from(input.data),
      contentType: input.contentType ?? 'application/octet-stream',
      name: input.name ?? fileKey,
    });
  }
}
