import { describe, expect, it } from 'vitest';
import { CSV, DOCX, EXE, GIF, JPEG, PDF, PNG, PPTX, TXT, WEBP, XLSX, ZIP } from '../../test/fixtures/files/samples.ts';
import { DomainError } from './errors.ts';
import { checkEvidenceFile, cleanFileName, MAX_EVIDENCE_FILE_BYTES } from './file-rules.ts';

const refusal = (name: string, bytes: Uint8Array) => {
  try {
    checkEvidenceFile(name, bytes);
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, key: err.fields[0]?.key ?? err.messageKey };
    throw err;
  }
  return null;
};

describe('evidence file checks', () => {
  it.each([
    ['report.pdf', PDF, 'application/pdf', 'file'],
    ['chart.PNG', PNG, 'image/png', 'image'],
    ['photo.jpg', JPEG, 'image/jpeg', 'image'],
    ['photo.jpeg', JPEG, 'image/jpeg', 'image'],
    ['anim.gif', GIF, 'image/gif', 'image'],
    ['shot.webp', WEBP, 'image/webp', 'image'],
    ['data.csv', CSV, 'text/csv; charset=utf-8', 'file'],
    ['notes.txt', TXT, 'text/plain; charset=utf-8', 'file'],
    ['plan.docx', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'file'],
    ['sheet.xlsx', XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'file'],
    ['deck.pptx', PPTX, 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'file'],
  ] as const)('accepts %s as %s', (name, bytes, contentType, kind) => {
    expect(checkEvidenceFile(name, bytes)).toEqual({ name, contentType, kind, size: bytes.byteLength });
  });

  it('refuses a type not on the list, whatever its content', () => {
    expect(refusal('setup.exe', EXE)).toEqual({ code: 'validation_failed', key: 'evidence.file.type_refused' });
    expect(refusal('page.html', TXT)).toEqual({ code: 'validation_failed', key: 'evidence.file.type_refused' });
    expect(refusal('no-extension', PDF)).toEqual({ code: 'validation_failed', key: 'evidence.file.type_refused' });
  });

  it('refuses content that is not what the name says (the bytes decide, not the name)', () => {
    expect(refusal('report.pdf', EXE)).toEqual({ code: 'validation_failed', key: 'evidence.file.mismatch' });
    expect(refusal('chart.png', JPEG)).toEqual({ code: 'validation_failed', key: 'evidence.file.mismatch' });
    expect(refusal('plan.docx', XLSX)).toEqual({ code: 'validation_failed', key: 'evidence.file.mismatch' });
    expect(refusal('sheet.xlsx', ZIP)).toEqual({ code: 'validation_failed', key: 'evidence.file.mismatch' });
    expect(refusal('data.csv', EXE)).toEqual({ code: 'validation_failed', key: 'evidence.file.mismatch' });
    expect(refusal('data.csv', new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toEqual({ code: 'validation_failed', key: 'evidence.file.mismatch' });
  });

  it('refuses an empty file, a missing name and anything over 10 MB', () => {
    expect(refusal('empty.pdf', new Uint8Array())).toEqual({ code: 'validation_failed', key: 'evidence.file.empty' });
    expect(refusal('../', PDF)).toEqual({ code: 'validation_failed', key: 'evidence.file.missing' });
    const big = new Uint8Array(MAX_EVIDENCE_FILE_BYTES + 1);
    big.set(PDF);
    expect(refusal('big.pdf', big)).toEqual({ code: 'too_large', key: 'evidence.file.too_large' });
    const limit = big.subarray(0, MAX_EVIDENCE_FILE_BYTES);
    expect(checkEvidenceFile('limit.pdf', limit).size).toBe(MAX_EVIDENCE_FILE_BYTES);
  });

  it('keeps only the last segment of a name, without control characters or quotes', () => {
    expect(cleanFileName('C:\\Users\\mia\\report "final".pdf')).toBe('report final.pdf');
    expect(cleanFileName('../../etc/passwd\u0000.txt')).toBe('passwd.txt');
    expect(cleanFileName('季度报告.pdf')).toBe('季度报告.pdf');
  });
});
