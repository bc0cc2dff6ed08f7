import { decodeAction, encodeAction, type CardAction } from '../actions.ts';

/**
 * What a Feishu form's submit button carries: shapes of the one action codec
 * (cards/actions.ts), narrowed to the two that only exist on Feishu, where the submit form
 * is a card rather than a modal.
 */
export type FormAction = Extract<CardAction, { a: 'submit' | 'resubmit' }>;

/** Compact JSON for the button's callback value. */
export const encodeFormAction = (action: FormAction): string => encodeAction(action);

/** The form action, or null for anything malformed, forged or of another kind. */
export function decodeFormAction(raw: unknown): FormAction | null {
  const action = decodeAction(raw);
  return action && (action.a === 'submit' || action.a === 'resubmit') ? action : null;
}
