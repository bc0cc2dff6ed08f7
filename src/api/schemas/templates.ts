import { z } from '@hono/zod-openapi';

const Localized = z.object({ en: z.string(), 'zh-CN': z.string() });

export const TemplateView = z
  .object({
    key: z.string().openapi({ example: 'builtin.nps', description: '`builtin.*` for the library, `custom.*` for the workspace’s own; metrics record it as their template' }),
    indicator_class: z.enum(['process', 'output', 'impact']),
    unit: z.string(),
    direction: z.enum(['increase', 'decrease']),
    name: Localized,
    description: Localized,
    built_in: z.boolean(),
  })
  .openapi('Template');

export const TemplateList = z.object({ templates: z.array(TemplateView) }).openapi('TemplateList');

// Shapes only: what the values must be (both names, lengths, the class) is checked by the domain, field by field.
export const TemplateInput = z
  .object({
    indicator_class: z.string().openapi({ example: 'impact', description: 'process, output or impact' }),
    unit: z.string().openapi({ example: 'h' }),
    direction: z.string().openapi({ example: 'decrease', description: 'increase or decrease' }),
    name: z.object({ en: z.string().optional(), 'zh-CN': z.string().optional() }).openapi({ description: 'Required in both languages (up to 100 characters)' }),
    description: z.object({ en: z.string().optional(), 'zh-CN': z.string().optional() }).optional().openapi({ description: 'Up to 500 characters per language' }),
  })
  .openapi('TemplateInput');

export const templateKeyParam = z.object({ key: z.string().max(100).openapi({ param: { name: 'key', in: 'path' }, example: 'custom.0123456789ab' }) });
