/**
 * Polls a local server's /healthz until it answers 200 or `ms` pass; returns the last status.
 * A bound against a hung start (the first start after a source change builds the bundle), not a timing assertion.
 */
export async function waitForHealth(port: number, ms: number): Promise<number> {
  const started = Date.now();
  let status = 0;
  while (Date.now() - started < ms && status !== 200) {
    status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
    if (status !== 200) await new Promise((r) => setTimeout(r, 100));
  }
  return status;
}
