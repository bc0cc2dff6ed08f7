// Stand-in for `express` in the Workers bundle (wrangler [alias]). Bolt's ExpressReceiver
// imports it at load time; Outcome never constructs that receiver (its Hono route is the
// receiver), so calling it is a bug and says so. Keeps ~600 KiB of Node HTTP code out.
'use strict';
function unavailable() {
  throw new Error('express is not bundled on Workers: Outcome receives Slack requests through its Hono route');
}
module.exports = unavailable;
module.exports.default = unavailable;
module.exports.Router = unavailable;
