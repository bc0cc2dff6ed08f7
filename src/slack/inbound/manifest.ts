/** Bot scopes the app asks for (and the install URL requests). */
// channels:read and groups:read let a survey ask the members of a channel (conversations.members).
export const BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'users:read', 'files:read', 'channels:read', 'groups:read'] as const;

/** User scopes for Sign in with Slack (OpenID Connect), which the dashboard uses (src/web/auth/slack.ts). */
export const SIGN_IN_SCOPES = ['openid', 'profile', 'email'] as const;

/**
 * A ready Slack app manifest (api.slack.com/apps → Create New App → From a manifest) with
 * every URL pointing at this server: one Request URL for the slash command, interactivity
 * and events; App Home with the Home tab; the OAuth redirects for multi-workspace installs and
 * for Sign in with Slack. Served before Slack is configured: the credentials come from the app
 * this manifest creates.
 */
export function slackManifest(publicUrl: string) {
  const events = `${publicUrl}/slack/events`;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Outcome',
      description: 'Record project outcomes with evidence, get them verified, follow up after go-live.',
      long_description:
        'Outcome turns "we shipped it" into "here is what it changed, with proof". Members record outcomes with /outcome (metrics with baseline, target and actual, plus evidence); managers and the PMO approve them from interactive cards with a score card; stakeholders answer NPS surveys in chat; 90 days after go-live the owner is asked what actually happened, and the PMO gets a weekly digest. 记录项目成果与佐证，经主管和 PMO 审核，NPS 调查，上线后跟进复盘与周报。',
      background_color: '#1f3a5f',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'Outcome', always_online: true },
      slash_commands: [
        { command: '/outcome', url: events, description: 'Record an outcome, list yours, run NPS surveys, or get help', usage_hint: '[list | nps | nps results | report | help | admin …]', should_escape: true },
      ],
    },
    oauth_config: {
      redirect_urls: [`${publicUrl}/slack/oauth_redirect`, `${publicUrl}/auth/slack/callback`],
      scopes: { bot: [...BOT_SCOPES], user: [...SIGN_IN_SCOPES] },
    },
    settings: {
      event_subscriptions: { request_url: events, bot_events: ['app_home_opened'] },
      interactivity: { is_enabled: true, request_url: events },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
