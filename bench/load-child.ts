/**
 * bench/ack.ts's open-loop load generator, in a process of its own: Slack's and Feishu's
 * requests come from outside the app's process, so sending them (undici, timers) must not
 * take the app's event loop. Sends each request at its scheduled time whatever the answers
 * and reports each one's latency from that time, over IPC.
 */

/** A request as the parent built and signed it. */
export interface LoadRequest {
  url: string;
  headers: [string, string][];
  body: string;
}
export interface LoadAsk {
  id: number;
  rps: number;
  requests: LoadRequest[];
}
export interface LoadResult {
  latencies: number[];
  errors: number;
}

async function send(r: LoadRequest): Promise<number> {
  try {
    const res = await fetch(r.url, { method: 'POST', headers: r.headers, body: r.body });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

process.on('message', async (m: LoadAsk) => {
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now() + 20;
  await Promise.all(
    m.requests.map(async (req, i) => {
      const due = t0 + (i * 1000) / m.rps;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if ((await send(req)) !== 200) errors++;
      latencies.push(performance.now() - due);
    }),
  );
  process.send!({ id: m.id, value: { latencies, errors } satisfies LoadResult });
});
process.on('disconnect', () => process.exit(0));
process.send!({ id: 0, value: 'ready' });
