// Stand-in for `@slack/socket-mode` in the Workers bundle (wrangler [alias]). Socket Mode
// needs a long-lived WebSocket client, which a Worker cannot keep; Outcome uses HTTP.
'use strict';
class SocketModeClient {
  constructor() {
    throw new Error('Socket Mode is not available on Workers: Outcome receives Slack requests over HTTP');
  }
}
module.exports = { SocketModeClient, default: { SocketModeClient } };
