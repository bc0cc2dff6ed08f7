/**
 * Where a CPU profile's time goes (a helper for bench/ack.ts's ACK_PROFILE profiles): self
 * time per function and per source area, and inclusive time per function (each sample counted
 * once per function on its stack, so recursion is not counted twice). Prints, asserts nothing.
 *
 *   node --experimental-strip-types bench/ack-profile.ts /tmp/prof/closed-NORMAL-1.cpuprofile [top=40] [clicks=300]
 */
import { readFile } from 'node:fs/promises';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, clicksArg] = process.argv.slice(2);
if (!file) throw new Error('usage: _ack-instr.ts <file.cpuprofile> [top] [clicks]');
const top = Number(topArg ?? 40);
const clicks = Number(clicksArg ?? 300);
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** The source area a frame belongs to: a package, one of our folders, or node's internals. */
function area(url: string): string {
  if (!url) return '(native/gc/idle)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const ours = /\/w\w+\/((?:src|cards|bench|test)\/[^/]+(?:\/[^/.]+)?)/.exec(url);
  return ours ? ours[1]! : url;
}
const fn = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/|w9\/)/, '')}:${n.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
const areas = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  const node = byId.get(id)!;
  if (node.callFrame.functionName === '(idle)') {
    idle += dt;
    return;
  }
  total += dt;
  self.set(fn(node), (self.get(fn(node)) ?? 0) + dt);
  areas.set(area(node.callFrame.url), (areas.get(area(node.callFrame.url)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const key = fn(byId.get(at)!);
    if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + dt), seen.add(key);
  }
});

const show = (title: string, m: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${v.toFixed(0).padStart(7)} ms  ${(v / clicks).toFixed(2).padStart(6)} ms/click  ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
};
console.log(`${file}: busy ${total.toFixed(0)} ms (${(total / clicks).toFixed(2)} ms per click over ${clicks}), idle ${idle.toFixed(0)} ms`);
show('self time by area', areas, top);
show('self time by function', self, top);
show('inclusive time by function', inclusive, top * 2);

// `callers=<pattern>`: for the samples under a function matching it, which of our functions (src/, cards/) called it.
const callersOf = process.argv.find((a) => a.startsWith('callers='))?.slice('callers='.length);
if (callersOf) {
  const callers = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    let under = false;
    const ours: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (fn(n).includes(callersOf)) under = true;
      else if (under && /\/(src|cards)\//.test(n.callFrame.url)) ours.push(n.callFrame.functionName || '(anonymous)');
      if (ours.length === 3) break;
    }
    if (under && ours.length) callers.set(ours.join(' < '), (callers.get(ours.join(' < ')) ?? 0) + dt);
  });
  show(`our callers of ${callersOf}`, callers, top);
}
