// zod's tree-shakable build: the configuration is read at every start (and on Workers in
// every cold isolate), where the full build's ~450 KB cost more to load than the whole check.
import * as z from 'zod/mini';

/**
 * The service's configuration (design.md §6), validated once at the entry and passed in.
 * Nothing below the entries reads process.env or Worker bindings.
 */

const trimmed = () => z.string().check(z.trim());
const optional = z.optional(trimmed().check(z.minLength(1)));

/**
 * A floor on APP_SECRET's guessability: at least 8 distinct characters, and its length
 * times the Shannon entropy of its own characters at least 80 bits. 32 × 'a' is 0 bits,
 * 'abcd' repeated has 4 characters; 32 random hex digits estimate at 89–128 bits (none of a
 * million samples fell below either floor), 32 random base64 characters at about 150. An
 * estimate, not a proof: it refuses the obviously weak values people type.
 */
const MIN_SECRET_BITS = 80;
const MIN_SECRET_DISTINCT = 8;

function unpredictable(value: string): boolean {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...value].length;
  let perChar = 0;
  for (const c of counts.values()) perChar -= (c / n) * Math.log2(c / n);
  return counts.size >= MIN_SECRET_DISTINCT && perChar * n >= MIN_SECRET_BITS;
}

const url = (name: string) => trimmed().check(z.refine((v) => URL.canParse(v), `${name} must be a URL`));

const timeZone = z._default(
  trimmed().check(
    z.refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Shanghai'),
  ),
  'Asia/Shanghai',
);

const schema = z.object({
  DATABASE_URL: z.optional(trimmed().check(z.regex(/^(file:|libsql:|https?:|wss?:)/, 'must start with file:, libsql:, http(s): or ws(s):'))),
  DATABASE_AUTH_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: z.optional(trimmed().check(z.regex(/^xoxb-/, 'must be a bot token starting with xoxb-'))),
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_API_URL: z._default(url('SLACK_API_URL'), 'https://slack.com/api/'),
  FEISHU_APP_ID: optional,
  FEISHU_APP_SECRET: optional,
  FEISHU_ENCRYPT_KEY: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  FEISHU_DOMAIN: z._default(trimmed().check(z.refine((v) => v === 'feishu' || v === 'lark' || URL.canParse(v), 'must be feishu, lark or a base URL')), 'feishu'),
  APP_SECRET: z.optional(
    z.string().check(
      z.minLength(32, 'must be at least 32 characters'),
      z.refine(unpredictable, 'is too predictable (few distinct or repeated characters); use 32+ random characters, e.g. `openssl rand -base64 32`'),
    ),
  ),
  PUBLIC_URL: z.optional(url('PUBLIC_URL')),
  PORT: z._default(z.coerce.number('must be a port number, 1–65535').check(z.int('must be a whole number'), z.minimum(1, 'must be 1–65535'), z.maximum(65535, 'must be 1–65535')), 8787),
  DEFAULT_TIMEZONE: timeZone,
  DEFAULT_LOCALE: z._default(z.enum(['zh-CN', 'en'], 'must be zh-CN or en'), 'zh-CN'),
  SOURCES_ALLOW_PRIVATE_HTTP: z._default(z.enum(['0', '1'], 'must be 0 or 1'), '0'),
  BLOB_DIR: optional,
});

export interface SlackConfig {
  signingSecret: string;
  /** Single-workspace mode when set. */
  botToken?: string;
  /** Multi-workspace OAuth when set. */
  oauth?: { clientId: string; clientSecret: string };
  apiUrl: string;
}

export interface FeishuConfig {
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
  /** `feishu`, `lark`, or a base URL (a local fake in tests). */
  domain: string;
}

export interface Config {
  databaseUrl?: string;
  databaseAuthToken?: string;
  slack?: SlackConfig;
  feishu?: FeishuConfig;
  /** Key for stored-token encryption and session signing; absent only when no platform is on. */
  appSecret?: string;
  publicUrl: string;
  port: number;
  defaultTimeZone: string;
  defaultLocale: 'zh-CN' | 'en';
  /** Scheduled pulls (src/sources/pull). */
  sources: SourcesConfig;
  /** Node: the folder uploaded evidence files are kept in (BLOB_DIR); unset, file upload is not offered. Workers use the EVIDENCE R2 binding. */
  blobDir?: string;
}

export interface SourcesConfig {
  /**
   * Lets pull sources fetch plain http and private / loopback addresses (SOURCES_ALLOW_PRIVATE_HTTP=1):
   * for tests and closed networks only; off, a source cannot be pointed at the service's own network.
   */
  allowPrivateHttp: boolean;
  /** Where Feishu Base sources with their own app credentials call the Open API (FEISHU_DOMAIN). */
  feishuDomain: string;
}

/** A configuration that cannot start the service; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, unknown>;

/**
 * Validates the environment (process.env or Worker bindings) into a Config.
 * Empty strings count as unset. Throws ConfigError naming every bad variable.
 */
export function loadConfig(env: Env): Config {
  const raw = Object.fromEntries(
    Object.keys(schema.shape).flatMap((k) => {
      const v = env[k];
      return typeof v === 'string' && v.trim() !== '' ? [[k, v]] : [];
    }),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const slack = slackFrom(e, problems);
  const feishu = feishuFrom(e, problems);
  if ((slack || feishu) && !e.APP_SECRET) problems.push('APP_SECRET: required when Slack or Feishu is configured (32+ characters)');
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    slack,
    feishu,
    appSecret: e.APP_SECRET,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    port: e.PORT,
    defaultTimeZone: e.DEFAULT_TIMEZONE,
    defaultLocale: e.DEFAULT_LOCALE,
    sources: { allowPrivateHttp: e.SOURCES_ALLOW_PRIVATE_HTTP === '1', feishuDomain: e.FEISHU_DOMAIN },
    blobDir: e.BLOB_DIR,
  };
}

function slackFrom(e: z.infer<typeof schema>, problems: string[]): SlackConfig | undefined {
  const any = e.SLACK_SIGNING_SECRET || e.SLACK_BOT_TOKEN || e.SLACK_CLIENT_ID || e.SLACK_CLIENT_SECRET;
  if (!any) return undefined;
  if (!e.SLACK_SIGNING_SECRET) problems.push('SLACK_SIGNING_SECRET: required when any SLACK_* variable is set');
  if (Boolean(e.SLACK_CLIENT_ID) !== Boolean(e.SLACK_CLIENT_SECRET))
    problems.push(`${e.SLACK_CLIENT_ID ? 'SLACK_CLIENT_SECRET' : 'SLACK_CLIENT_ID'}: SLACK_CLIENT_ID and SLACK_CLIENT_SECRET go together`);
  if (!e.SLACK_BOT_TOKEN && !e.SLACK_CLIENT_ID)
    problems.push('SLACK_BOT_TOKEN: set it (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (OAuth install)');
  if (!e.SLACK_SIGNING_SECRET) return undefined;
  return {
    signingSecret: e.SLACK_SIGNING_SECRET,
    botToken: e.SLACK_BOT_TOKEN,
    oauth: e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET } : undefined,
    apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
  };
}

const FEISHU_VARS = ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_ENCRYPT_KEY', 'FEISHU_VERIFICATION_TOKEN'] as const;

function feishuFrom(e: z.infer<typeof schema>, problems: string[]): FeishuConfig | undefined {
  const set = FEISHU_VARS.filter((k) => e[k]);
  if (set.length === 0) return undefined;
  // Without an Encrypt Key Feishu signs nothing, so every variable is required: we verify every request.
  const missing = FEISHU_VARS.filter((k) => !e[k]);
  for (const k of missing) problems.push(`${k}: required when any FEISHU_* credential is set (requests are verified with it)`);
  if (missing.length) return undefined;
  return {
    appId: e.FEISHU_APP_ID!,
    appSecret: e.FEISHU_APP_SECRET!,
    encryptKey: e.FEISHU_ENCRYPT_KEY!,
    verificationToken: e.FEISHU_VERIFICATION_TOKEN!,
    domain: e.FEISHU_DOMAIN,
  };
}
