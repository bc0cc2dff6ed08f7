import { afterEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../../src/deps.ts';
import { newDispatcher, type DispatcherFactory } from '../../../src/feishu/inbound/routes.ts';
import { addProject, openSurveyForm, submitSurveyForm, withPmo } from './followup-steps.ts';
import { F, startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(() => h?.close());

describe('the Lark EventDispatcher (issue 9 point 3)', () => {
  it('is built once per deps, not per request, and serves events and card callbacks alike', async () => {
    const builds: Deps[] = [];
    // The real dispatcher, counted: every request below goes through the SDK as in production.
    const counting: DispatcherFactory = (deps) => (builds.push(deps), newDispatcher(deps));
    h = await startHarness({ feishuDispatcher: counting });
    await withPmo(h);
    await addProject(h);

    await h.say('/outcome help', { eventId: 'evt-1', messageId: 'om_1' });
    await h.say('/outcome help', { eventId: 'evt-2', messageId: 'om_2' });
    await h.menu('help');
    const form = await openSurveyForm(h);
    const answer = await submitSurveyForm(h, form, { project: '', people: [], closes: '', kind: '' });

    expect(h.cardsTo(F.member)).toHaveLength(3); // each event was handled
    expect(answer.status).toBe(200);
    expect(answer.body.toast).toMatchObject({ type: 'error' }); // the card callback was handled
    // One build, for the chat surface's deps (the harness's, with the surface recorded in the audit trail).
    expect(builds).toHaveLength(1);
    expect(builds[0]!.db).toBe(h.deps.db);
    expect(builds[0]!.verbs.via).toBe('chat');
  });
});
