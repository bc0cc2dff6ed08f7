/**
 * The keyed hash that lets an anonymous survey take one answer per person without storing
 * who answered: HMAC-SHA-256 over (survey id, platform user id) under a key derived from
 * APP_SECRET. Without APP_SECRET the stored hashes cannot be tested against anyone; the
 * survey id in the message makes the same person's hashes differ between surveys.
 */
import { deriveAppKey, toBase64Url } from './secret-box.ts';

const encoder = new TextEncoder();

/** The respondent key of `address` for `surveyId`; `appSecret` empty is refused (no key, no anonymity). */
export async function respondentKey(appSecret: string, surveyId: string, address: string): Promise<string> {
  if (!appSecret) throw new Error('APP_SECRET is required for anonymous surveys');
  const key = await deriveAppKey(appSecret, 'outcome/survey-respondent', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${surveyId}\u0000${address}`));
  return toBase64Url(new Uint8Array(mac));
}

/** A function of (survey, person) → key, bound to one APP_SECRET, for the survey verbs. */
export const respondentKeyer = (appSecret: string) => (surveyId: string, address: string) => respondentKey(appSecret, surveyId, address);

/** The context answerQuestions needs, from the app's deps (structural, so any entry can pass its deps). */
export const answerContextOf = <S>(deps: { clock: { now(): Date }; repos: { surveys: S }; config: { appSecret?: string } }) => ({
  clock: deps.clock,
  surveys: deps.repos.surveys,
  respondentKey: respondentKeyer(deps.config.appSecret ?? ''),
});
