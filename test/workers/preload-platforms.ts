// The service the Worker imports on its first event (src/entry/worker-service.ts, with the
// platform modules: Bolt, the Lark SDK, our routes and senders). In production that is one
// function call inside the bundle; under vitest-pool-workers each module comes through Vite and
// together they take seconds, longer than a slash command's 3 s trigger. Test files that drive the
// Worker import this first, so the tests stay about behaviour; `wrangler check startup` measures
// the real cold start. (Not a setupFiles entry: re-run for every file, it reloads the 6 MB Lark SDK
// through Vite, which workerd's 1 MiB WebSocket message limit stops.)
import '../../src/entry/worker-service.ts';
