/** What a workspace API token may do (design.md §11). A session (the web) is limited by the viewer's role instead. */
export const SCOPES = ['outcomes:read', 'readings:read', 'readings:write', 'sources:read', 'sources:write', 'metrics:write', 'templates:write', 'audit:read', 'comments:write', 'evidence:write', 'lessons:read', 'lessons:write', 'retros:read', 'retros:write', 'okr:read', 'okr:write'] as const;
export type Scope = (typeof SCOPES)[number];

export const isScope = (s: string): s is Scope => (SCOPES as readonly string[]).includes(s);
