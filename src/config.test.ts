import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const SECRET = 'config-test-secret-0123456789abcdef';
const feishu = { FEISHU_APP_ID: 'cli_1', FEISHU_APP_SECRET: 's', FEISHU_ENCRYPT_KEY: 'k', FEISHU_VERIFICATION_TOKEN: 'v' };

const error = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('starts with nothing set: no platforms, defaults filled in', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: undefined,
      databaseAuthToken: undefined,
      slack: undefined,
      feishu: undefined,
      appSecret: undefined,
      publicUrl: 'http://localhost:8787',
      port: 8787,
      defaultTimeZone: 'Asia/Shanghai',
      defaultLocale: 'zh-CN',
      sources: { allowPrivateHttp: false, feishuDomain: 'feishu' },
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', PORT: ' ' }).slack).toBeUndefined();
  });

  it('names each malformed variable', () => {
    const msg = error({ PORT: 'eighty', DEFAULT_TIMEZONE: 'Mars/Olympus', DEFAULT_LOCALE: 'fr', DATABASE_URL: 'postgres://x', PUBLIC_URL: 'not a url' });
    for (const name of ['PORT', 'DEFAULT_TIMEZONE', 'DEFAULT_LOCALE', 'DATABASE_URL', 'PUBLIC_URL']) expect(msg).toContain(`${name}:`);
  });

  it('turns Slack on in single-workspace mode, normalising the API URL', () => {
    const c = loadConfig({ SLACK_SIGNING_SECRET: 'sig', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_API_URL: 'http://127.0.0.1:9/api', APP_SECRET: SECRET });
    expect(c.slack).toEqual({ signingSecret: 'sig', botToken: 'xoxb-1', oauth: undefined, apiUrl: 'http://127.0.0.1:9/api/' });
  });

  it('refuses half a Slack configuration and says what is missing', () => {
    expect(error({ SLACK_BOT_TOKEN: 'xoxb-1', APP_SECRET: SECRET })).toContain('SLACK_SIGNING_SECRET:');
    expect(error({ SLACK_SIGNING_SECRET: 's', APP_SECRET: SECRET })).toContain('SLACK_BOT_TOKEN:');
    expect(error({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'id', APP_SECRET: SECRET })).toContain('SLACK_CLIENT_SECRET:');
    expect(error({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxp-user', APP_SECRET: SECRET })).toContain('SLACK_BOT_TOKEN: must be a bot token');
  });

  it('needs all four Feishu variables, and APP_SECRET once a platform is on', () => {
    expect(loadConfig({ ...feishu, APP_SECRET: SECRET }).feishu).toEqual({ appId: 'cli_1', appSecret: 's', encryptKey: 'k', verificationToken: 'v', domain: 'feishu' });
    const { FEISHU_ENCRYPT_KEY: _, ...noKey } = feishu;
    expect(error({ ...noKey, APP_SECRET: SECRET })).toContain('FEISHU_ENCRYPT_KEY:');
    expect(error(feishu)).toContain('APP_SECRET:');
    expect(error({ ...feishu, APP_SECRET: 'short' })).toContain('APP_SECRET: must be at least 32');
    expect(error({ ...feishu, APP_SECRET: 'a'.repeat(32) })).toContain('APP_SECRET: is too predictable');
    expect(error({ ...feishu, APP_SECRET: 'abcd'.repeat(16) })).toContain('APP_SECRET: is too predictable');
    expect(loadConfig({ ...feishu, APP_SECRET: '3f9c1ab0e47d82c5b6a1f0d9e3c7b248' }).appSecret).toBe('3f9c1ab0e47d82c5b6a1f0d9e3c7b248');
  });

  it('accepts feishu, lark or a URL as FEISHU_DOMAIN and nothing else', () => {
    expect(loadConfig({ ...feishu, APP_SECRET: SECRET, FEISHU_DOMAIN: 'http://127.0.0.1:9100' }).feishu?.domain).toBe('http://127.0.0.1:9100');
    expect(error({ ...feishu, APP_SECRET: SECRET, FEISHU_DOMAIN: 'larksuite' })).toContain('FEISHU_DOMAIN:');
  });
});
