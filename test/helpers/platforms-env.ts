/** Config of a deployment with both Slack and Feishu configured, pointed at the fakes' URLs. */
export const bothPlatformsEnv = (slackUrl: string, feishuUrl: string): Record<string, string> => ({
  SLACK_SIGNING_SECRET: 'slack-signing-secret-for-tests',
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_API_URL: slackUrl,
  FEISHU_APP_ID: 'cli_test',
  FEISHU_APP_SECRET: 'secret',
  FEISHU_ENCRYPT_KEY: 'test-encrypt-key',
  FEISHU_VERIFICATION_TOKEN: 'verification-token',
  FEISHU_DOMAIN: feishuUrl,
  APP_SECRET: 'an-app-secret-of-at-least-32-characters',
  PUBLIC_URL: 'https://outcome.test',
  DEFAULT_LOCALE: 'en',
});
