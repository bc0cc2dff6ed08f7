import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';

/** The mini-app (/app/*) and its REST API (/api/*). */
export function webRoutes() {
  return new Hono<AppEnv>();
}
