// The platform modules (Bolt, the Lark SDK and our routes and senders) that the Worker imports
// on a platform's first request. In production that is one function call inside the bundle
// (tens of ms); under vitest-pool-workers each module comes through Vite and together they take
// seconds, longer than a slash command's 3 s trigger. Loading them with the test isolate keeps
// the tests about behaviour; `wrangler check startup` measures the real cold start.
import '../../src/feishu/inbound/routes.ts';
import '../../src/feishu/adapter/sender.ts';
import '../../src/slack/inbound/routes.ts';
import '../../src/slack/adapter/sender.ts';
