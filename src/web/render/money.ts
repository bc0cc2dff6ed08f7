import { numberFormat } from '../../i18n/index.ts';
import type { Kit } from './kit.ts';

/** An amount in the workspace's currency, as the reader's locale writes it (¥12,000.00, $12,000.00). */
export function money(kit: Kit, n: number, currency: string): string {
  try {
    // Whole amounts without decimals (¥12,000), so a phone's narrow column holds them.
    const digits = Number.isInteger(n) ? 0 : 2;
    return numberFormat(kit.locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
  } catch {
    // A code Intl refuses (settings validation allows any three letters): the number and the code.
    return `${kit.num(n)} ${currency}`;
  }
}
