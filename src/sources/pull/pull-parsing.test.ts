import { describe, expect, it } from 'vitest';
import { jsonPath } from '../source-config.ts';
import { checkPullUrl, isPrivateHost } from './address-guard.ts';
import { baseNumber, baseTime } from './base-values.ts';
import { parseCsv } from './csv-parse.ts';
import { selectJsonPath } from './json-path.ts';

describe('JSON path subset', () => {
  const doc = { data: { items: [{ value: 3, 'a key': 'x' }], $meta: { n: 1 } } };
  it.each([
    ['$', doc],
    ['$.data.items[0].value', 3],
    ["$.data.items[0]['a key']", 'x'],
    ['$["data"].$meta.n', 1],
    ['$.data.items[1].value', undefined],
    ['$.data.nope', undefined],
    ['$.data.items.length', undefined],
    ['$.data.toString', undefined],
  ])('%s', (path, want) => {
    expect(jsonPath.safeParse(path).success).toBe(true);
    expect(selectJsonPath(doc, path)).toEqual(want);
  });
});

describe('CSV (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, without a BOM or blank lines', () => {
    expect(parseCsv('\ufeffa,"b, c"\r\n"x ""y""","1\n2"\n\n3,\n')).toEqual([
      ['a', 'b, c'],
      ['x "y"', '1\n2'],
      ['3', ''],
    ]);
  });
  it('refuses an unclosed quote', () => {
    expect(() => parseCsv('a\n"b')).toThrow('unclosed quote');
  });
});

describe('Base values', () => {
  it('reads numbers, text segments, formulas and ms dates; empty cells are null', () => {
    expect(baseNumber(4.5, 'f', 'r')).toBe(4.5);
    expect(baseNumber([{ type: 'text', text: '1' }, { type: 'text', text: '2' }], 'f', 'r')).toBe(12);
    expect(baseNumber({ type: 2, value: [7] }, 'f', 'r')).toBe(7);
    expect(baseNumber(null, 'f', 'r')).toBeNull();
    expect(() => baseNumber([{ type: 'text', text: 'n/a' }], 'f', 'r')).toThrow('field "f" of record r is not a number');
    expect(baseTime(1_764_547_200_000, 'd', 'r')).toEqual(new Date(1_764_547_200_000));
  });
});

describe('which URLs a pull may fetch', () => {
  it.each(['localhost', 'a.localhost', 'printer.local', '127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[::1]', '[fd00::1]', '[fe80::1]', '[::ffff:7f00:1]', 'localhost.', 'printer.local.', '[::7f00:1]', '[64:ff9b::a00:1]'])('%s is private', (host) => {
    expect(isPrivateHost(host)).toBe(true);
  });
  it.each(['example.com', 'example.com.', '8.8.8.8', '172.32.0.1', '[2606:4700::1111]', '[64:ff9b::808:808]'])('%s is public', (host) => {
    expect(isPrivateHost(host)).toBe(false);
  });
  it('needs https and a public host unless private http is allowed; other schemes never', () => {
    expect(() => checkPullUrl('http://example.com/x', false)).toThrow('plain http is off');
    expect(() => checkPullUrl('https://2130706433/x', false)).toThrow('127.0.0.1 is a private or local address');
    expect(() => checkPullUrl('file:///etc/passwd', true)).toThrow('only https URLs can be pulled (not file)');
    expect(checkPullUrl('http://127.0.0.1:9/x', true).host).toBe('127.0.0.1:9');
  });
});
