import type { App } from '@slack/bolt';
import { renderNote } from '../../../cards/slack/command-replies.ts';
import { asBlocks, errorText } from '../reply.ts';
import { depsOf, workspaceOf } from '../context.ts';

type Body = { type?: string; command?: string; view?: { blocks?: { type?: string; block_id?: string }[] } };

/**
 * Last resort for a listener that throws (a database outage, say): the person still gets
 * an explanation with a reference instead of silence — privately after a slash command or
 * a click, beside the first input of a modal (which stays open, keeping what they typed).
 */
export function registerSafetyNet(app: App): void {
  app.use(async (args) => {
    const deps = depsOf(args.context);
    try {
      await args.next();
    } catch (err) {
      const text = errorText(err, workspaceOf(args.context)?.settings.locale ?? deps.config.defaultLocale, deps.log);
      const note = { ...renderNote(text), blocks: asBlocks(renderNote(text).blocks) };
      const body = args.body as Body;
      const ack = 'ack' in args ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
      if (body.command) return ack?.({ response_type: 'ephemeral', ...note });
      const input = body.view?.blocks?.find((b) => b.type === 'input')?.block_id;
      if (body.type === 'view_submission' && input) return ack?.({ response_action: 'errors', errors: { [input]: text } });
      await ack?.();
      if ('respond' in args && args.respond) await args.respond({ response_type: 'ephemeral', replace_original: false, ...note }).catch(() => undefined);
    }
  });
}
