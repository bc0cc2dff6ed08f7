import type { DepsCore, SenderFactory } from './deps-types.ts';
import type { Sender } from './delivery/types.ts';

/**
 * A sender whose module (and with it the platform's SDK) is imported only for a configured
 * platform, starting right away so it is ready before the first delivery.
 */
function lazySender(load: () => Promise<Sender | undefined>): Sender {
  const sender = load();
  sender.catch(() => {}); // reported by the first send
  return {
    async send(row) {
      const s = await sender;
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
