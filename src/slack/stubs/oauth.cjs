// Stand-in for `@slack/oauth` in the Workers bundle (wrangler [alias]). Bolt builds its
// InstallProvider only inside its own HTTP, Express and Socket Mode receivers; Outcome's
// receiver is its Hono route and its install flow is src/slack/inbound/oauth.ts, so the
// package (with jsonwebtoken and semver, ≈ 85 KiB minified) would only be compiled and run.
'use strict';
const unavailable = (name) =>
  class {
    constructor() {
      throw new Error(`${name} from @slack/oauth is not in the Workers bundle: Outcome installs Slack with src/slack/inbound/oauth.ts`);
    }
  };
module.exports = {
  InstallProvider: unavailable('InstallProvider'),
  FileInstallationStore: unavailable('FileInstallationStore'),
  MemoryInstallationStore: unavailable('MemoryInstallationStore'),
};
