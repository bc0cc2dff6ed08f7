/**
 * What `/slack/*` and `/feishu/*` answer while that platform is not configured: still a 404,
 * but with the variables to set and the setup steps (the README's "Connect …" sections),
 * filled in with this server's PUBLIC_URL, so whoever is setting it up knows what comes next.
 */
export type Platform = 'slack' | 'feishu';

const MESSAGE: Record<Platform, string> = {
  slack: 'Slack is not configured on this server: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET).',
  feishu: 'Feishu/Lark is not configured on this server: set FEISHU_APP_ID, FEISHU_APP_SECRET, FEISHU_ENCRYPT_KEY and FEISHU_VERIFICATION_TOKEN.',
};

/** The README section with the full steps (GitHub's heading anchors). */
const DOCS: Record<Platform, string> = {
  slack: 'README.md#connect-slack',
  feishu: 'README.md#connect-feishu--lark',
};

function steps(platform: Platform, publicUrl: string): string[] {
  if (platform === 'slack') {
    return [
      `Set PUBLIC_URL to the HTTPS address Slack reaches this server at (now ${publicUrl}).`,
      `Open ${publicUrl}/slack/manifest, copy the JSON, and at https://api.slack.com/apps choose Create New App → From a manifest.`,
      'From Basic Information copy the Signing Secret into SLACK_SIGNING_SECRET; set APP_SECRET (32+ random characters).',
      'One workspace: Install to Workspace and copy the Bot User OAuth Token (xoxb-…) into SLACK_BOT_TOKEN. Several workspaces: set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET instead.',
      'Restart Outcome and type /outcome in Slack.',
    ];
  }
  return [
    'Create a self-built app at https://open.feishu.cn (or https://open.larksuite.com) and enable the Bot capability.',
    'Credentials: set FEISHU_APP_ID and FEISHU_APP_SECRET (FEISHU_DOMAIN=lark for Lark); set APP_SECRET (32+ characters) and PUBLIC_URL.',
    'Events & Callbacks → Encryption strategy: set an Encrypt Key (FEISHU_ENCRYPT_KEY) and copy the Verification Token (FEISHU_VERIFICATION_TOKEN).',
    `Event configuration: Request URL ${publicUrl}/feishu/events, events im.message.receive_v1 and application.bot.menu_v6.`,
    `Callback configuration: Request URL ${publicUrl}/feishu/cards, callback card.action.trigger.`,
    'Add the permissions and the bot menu listed in the README, publish a version, restart Outcome and message the bot /outcome.',
  ];
}

/** The JSON body of the 404 for a platform that is off. */
export function platformOffBody(platform: Platform, publicUrl: string) {
  return { error: 'platform_off', message: MESSAGE[platform], setup: steps(platform, publicUrl), docs: DOCS[platform] };
}
