import { DomainError } from './errors.ts';

/** The largest evidence file accepted: a scanned certificate or a report, not a video. */
export const MAX_EVIDENCE_FILE_BYTES = 10 * 1024 * 1024;

type Sniff = (b: Uint8Array) => boolean;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));

/** The names inside a ZIP, from its central directory (OOXML files are ZIPs of XML parts). */
export function zipEntryNames(b: Uint8Array): string[] | null {
  if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  for (let end = b.byteLength - 22; end >= Math.max(0, b.byteLength - 22 - 0xffff); end--) {
    if (view.getUint32(end, true) !== 0x06054b50) continue;
    const count = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      if (at + 46 > b.byteLength || view.getUint32(at, true) !== 0x02014b50) return null;
      const nameLength = view.getUint16(at + 28, true);
      const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      if (at + 46 + nameLength > b.byteLength) return null;
      names.push(new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLength)));
      at += 46 + skip;
    }
    return names;
  }
  return null;
}

const ooxml = (mainPart: string): Sniff => (b) => {
  const names = zipEntryNames(b);
  return !!names && names.includes('[Content_Types].xml') && names.includes(mainPart);
};

/** Text: valid UTF-8 with no control characters but tab, line breaks and form feed. */
const text: Sniff = (b) => {
  try {
    const s = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(b);
    return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(s);
  } catch {
    return false;
  }
};

/**
 * The accepted types, by file name extension: the type we serve the file with, whether it is
 * an image, and how its first bytes prove it. The declared type of an upload is never
 * trusted; a name and content that disagree (an .exe renamed .pdf) are refused.
 */
export const EVIDENCE_FILE_TYPES: Readonly<Record<string, { contentType: string; kind: 'file' | 'image'; sniff: Sniff }>> = {
  pdf: { contentType: 'application/pdf', kind: 'file', sniff: (b) => startsWith(b, ascii('%PDF-')) },
  png: { contentType: 'image/png', kind: 'image', sniff: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { contentType: 'image/jpeg', kind: 'image', sniff: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  jpeg: { contentType: 'image/jpeg', kind: 'image', sniff: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  webp: { contentType: 'image/webp', kind: 'image', sniff: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  gif: { contentType: 'image/gif', kind: 'image', sniff: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')) },
  csv: { contentType: 'text/csv; charset=utf-8', kind: 'file', sniff: text },
  txt: { contentType: 'text/plain; charset=utf-8', kind: 'file', sniff: text },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'file', sniff: ooxml('xl/workbook.xml') },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'file', sniff: ooxml('word/document.xml') },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', kind: 'file', sniff: ooxml('ppt/presentation.xml') },
};

/** A file that passed the checks: its cleaned name and the type it is stored and served as. */
export interface CheckedFile {
  name: string;
  contentType: string;
  kind: 'file' | 'image';
  size: number;
}

const refuse = (key: string, params: Record<string, string | number> = {}) => new DomainError('validation_failed', 'error.validation_failed', { count: 1 }, [{ field: 'file', key, params }]);

/** The last path segment, without control characters, at most 200 characters (a title, never a path). */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-200);
}

/**
 * Checks an evidence file before anything is stored: not empty, at most 10 MB, an accepted
 * extension, and content whose first bytes are that type.
 */
export function checkEvidenceFile(rawName: string, bytes: Uint8Array): CheckedFile {
  if (bytes.byteLength > MAX_EVIDENCE_FILE_BYTES) throw new DomainError('too_large', 'evidence.file.too_large', { max: MAX_EVIDENCE_FILE_BYTES / (1024 * 1024) });
  const name = cleanFileName(rawName);
  if (!name) throw refuse('evidence.file.missing');
  if (bytes.byteLength === 0) throw refuse('evidence.file.empty');
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const type = Object.hasOwn(EVIDENCE_FILE_TYPES, ext) ? EVIDENCE_FILE_TYPES[ext] : undefined;
  if (!type) throw refuse('evidence.file.type_refused');
  if (!type.sniff(bytes)) throw refuse('evidence.file.mismatch', { ext });
  return { name, contentType: type.contentType, kind: type.kind, size: bytes.byteLength };
}
