import type { Hook } from '@hono/zod-openapi';
import type { z } from '@hono/zod-openapi';
import { assertNoFieldErrors, type FieldError } from '../domain/errors.ts';
import type { ApiEnv } from './env.ts';

/** Zod issues as the app's field errors: the path joined with dots, zod's own sentence as the text. */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  return issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || 'body', key: 'api.invalid', params: { detail: i.message } }));
}

/**
 * Every request the routes' zod schemas refuse becomes the app's `validation_failed` (400,
 * with fields), through the app's one error mapper (src/errors.ts), like any other error.
 */
export const validationHook: Hook<unknown, ApiEnv, string, unknown> = (result) => {
  if (!result.success) assertNoFieldErrors(fieldErrorsOf(result.error.issues, result.target === 'json' ? '' : result.target));
};
