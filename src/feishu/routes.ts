import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';

/** Feishu/Lark: POST /feishu/events (events) and POST /feishu/cards (card callbacks). */
export function feishuRoutes() {
  return new Hono<AppEnv>();
}
