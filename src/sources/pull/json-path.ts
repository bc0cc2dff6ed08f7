import { PullError } from './pull-error.ts';

type Step = string | number;

/**
 * The steps of a path in the subset `jsonPath` (src/sources/source-config.ts) accepts:
 * `$`, `.name`, `[0]`, `['key']`, `["key"]`.
 */
export function parseJsonPath(path: string): Step[] {
  const steps: Step[] = [];
  const token = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  if (!path.startsWith('$')) throw new PullError(`JSON path ${path} must start with $`);
  token.lastIndex = 1;
  while (token.lastIndex < path.length) {
    const at = token.lastIndex;
    const m = token.exec(path);
    if (!m) throw new PullError(`JSON path ${path} is not valid at position ${at}`);
    steps.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3] ?? m[4])!);
  }
  return steps;
}

/** The value at `path` in `doc`, or undefined when a step finds nothing. */
export function selectJsonPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const step of parseJsonPath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (typeof step === 'number') cur = Array.isArray(cur) ? cur[step] : undefined;
    else cur = Array.isArray(cur) || !Object.hasOwn(cur, step) ? undefined : (cur as Record<string, unknown>)[step];
  }
  return cur;
}
