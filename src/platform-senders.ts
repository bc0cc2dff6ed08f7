import type { DepsCore, SenderFactory } from './deps-types.ts';
import type { Sender } from './delivery/types.ts';

/**
 * A sender whose module (and with it the platform's SDK) is imported only for a configured
 * platform, on its first send: an idle service holds no SDK (issue 14: ~40 MiB for both).
 */
function lazySender(load: () => Promise<Sender | undefined>): Sender {
  let sender: Promise<Sender | undefined> | undefined;
  return {
    async send(row) {
      const current = (sender ??= load());
      let s: Sender | undefined;
      try {
        s = await current;
      } catch (err) {
        if (sender === current) sender = undefined; // a failed load is tried again by the next send
        throw err;
      }
      return s ? s.send(row) : { ok: false, error: `no sender for platform "${row.platform}"`, permanent: true };
    },
  };
}

/** The outbox sender of each platform, for createDeps (the entries and the test harness pass this). */
export const platformSenders: Record<'slack' | 'feishu' | 'feishu_okr', SenderFactory> = {
  slack: (core: DepsCore) => (core.config.slack ? lazySender(() => import('./slack/adapter/sender.ts').then((m) => m.createSlackSender(core))) : undefined),
  feishu: (core: DepsCore) => (core.config.feishu ? lazySender(() => import('./feishu/adapter/sender.ts').then((m) => m.createFeishuSender(core))) : undefined),
  // Progress records to Feishu OKR: outbox rows of their own "platform" (src/db/repos/okr-progress-rows.ts).
  feishu_okr: (core: DepsCore) => (core.config.feishu ? lazySender(() => import('./feishu/okr/progress-sender.ts').then((m) => m.createOkrProgressSender(core))) : undefined),
};
