// The service the Worker imports on its first event (src/entry/worker-service.ts) and the
// platform modules that app.ts and platform-senders.ts import on a platform's first request or
// send (Bolt, the Lark SDK, our routes and senders). In the deployed Worker each is one chunk that
// workerd compiles on that import; under vitest-pool-workers each module comes through Vite and
// together they take seconds, longer than a slash command's 3 s trigger. Test files that drive the
// Worker import this first, so the tests stay about behaviour; bench/worker-start.ts measures the
// real cold start. (Not a setupFiles entry: re-run for every file, it reloads the 6 MB Lark SDK
// through Vite, which workerd's 1 MiB WebSocket message limit stops.)
import '../../src/entry/worker-service.ts';
import '../../src/feishu/inbound/routes.ts';
import '../../src/feishu/adapter/sender.ts';
import '../../src/slack/inbound/routes.ts';
import '../../src/slack/adapter/sender.ts';
