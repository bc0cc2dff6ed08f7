/**
 * Where the web app's full submit form lives (built with the web actions, issue 11 §1), so the
 * chat forms link to one path: the mini-app is mounted under /app like every other page.
 */
export const WEB_SUBMIT_PATH = '/app/outcomes/new';

/** The full web submit form under this deployment's public URL. */
export function webSubmitUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${WEB_SUBMIT_PATH}`;
}
