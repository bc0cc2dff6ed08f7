import type { Kit } from './kit.ts';

/** An amount in the workspace's currency, as the reader's locale writes it (¥12,000.00, $12,000.00). */
export function money(kit: Kit, n: number, currency: string): string {
  try {
    return new Intl.NumberFormat(kit.locale, { style: 'currency', currency }).format(n);
  } catch {
    // A code Intl refuses (settings validation allows any three letters): the number and the code.
    return `${kit.num(n)} ${currency}`;
  }
}
