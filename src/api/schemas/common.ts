import { z } from '@hono/zod-openapi';

/** The one error shape of the app (src/errors.ts). */
export const ErrorBody = z
  .object({
    error: z.string().openapi({ example: 'validation_failed' }),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), key: z.string(), message: z.string() }).passthrough()).optional(),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });

/** The error answers every authenticated route can give. */
export const ERRORS = {
  400: errorResponse('The request is invalid (`validation_failed` with fields, or `bad_request`).'),
  401: errorResponse('No valid token or session (`unauthorized`).'),
  403: errorResponse('The token lacks the scope, or the person the right (`forbidden`).'),
  404: errorResponse('No such resource in this workspace (`not_found`).'),
  429: { ...errorResponse('Over the token’s rate limit (`rate_limited`); see Retry-After.'), headers: { 'Retry-After': { schema: { type: 'integer' as const }, description: 'Seconds until the window restarts' } } },
};

/** Who may call: a token with `scope`, or a signed-in person (the web session cookie). */
export const security = (scope: string): Record<string, string[]>[] => [{ bearer: [scope] }, { session: [] }];

export const pageLimit = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt).openapi({ description: `Page size (1–${max})` });
export const cursorParam = z.string().max(500).optional().openapi({ description: 'The `next_cursor` of the previous page' });

// The keyset cursors, shared with the web's pages.
export { decodeCursor, encodeCursor } from '../../views/page-cursor.ts';

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
