/** The environment of a service with Slack (one workspace) and Feishu both on, talking to the fakes at these URLs. */
export function bothPlatformsEnv(fakes: { slack: string; feishu: string }, appSecret = 'an-app-secret-of-at-least-32-characters'): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: 'slack-signing-secret-for-tests',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: fakes.slack,
    FEISHU_APP_ID: 'cli_test',
    FEISHU_APP_SECRET: 'secret',
    FEISHU_ENCRYPT_KEY: 'test-encrypt-key',
    FEISHU_VERIFICATION_TOKEN: 'verification-token',
    FEISHU_DOMAIN: fakes.feishu,
    APP_SECRET: appSecret,
    PUBLIC_URL: 'https://outcome.test',
  };
}
