import { AppError } from '../../core/appError';

/**
 * Reading a CSV file as Excel on Japanese Windows writes it: Shift_JIS (CP932) or UTF-8
 * with a BOM, RFC 4180 quoting. Pure functions: the caller reads the bytes.
 */
export const csvMaxMegabytes = 20;
const csvMaxBytes = csvMaxMegabytes * 1024 * 1024;

function fileError(messageKey: string, params?: Record<string, string | number>): AppError {
  return new AppError('INVALID_INPUT', undefined, [{ path: ['file'], messageKey, ...(params ? { params } : {}) }]);
}

// ---------------------------------------------------------------------------------------
// Decoding

/**
 * Bytes → text. A UTF-8 BOM means UTF-8; otherwise valid UTF-8 is UTF-8; otherwise
 * Shift_JIS as WHATWG defines it (= CP932, with the NEC/IBM extensions ①, ㈱, 髙 …).
 * Anything else (UTF-16, a spreadsheet binary, a damaged file) is refused.
 */
export function decodeCsvFile(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'shift_jis' } {
  if (bytes.length === 0) throw fileError('validation.csvEmpty');
  if (bytes.length > csvMaxBytes) throw fileError('validation.csvTooLarge', { maximum: csvMaxMegabytes });
  let text: string;
  let encoding: 'utf-8' | 'shift_jis';
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = tryDecode('utf-8', hasBom ? bytes.subarray(3) : bytes);
  if (utf8 !== null) {
    text = utf8;
    encoding = 'utf-8';
  } else if (hasBom) {
    throw fileError('validation.csvEncoding');
  } else {
    const sjis = tryDecode('shift_jis', bytes);
    if (sjis === null) throw fileError('validation.csvEncoding');
    text = sjis;
    encoding = 'shift_jis';
  }
  // NUL never occurs in a text CSV; it does in UTF-16 and in binary files that happen to decode.
  if (text.includes('\u0000')) throw fileError('validation.csvEncoding');
  if (text.trim().length === 0) throw fileError('validation.csvEmpty');
  return { text, encoding };
}

function tryDecode(label: 'utf-8' | 'shift_jis', bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: a BOM was already removed above; a second one would be data.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}


const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

function malformed(row: number): AppError {
  return fileError('validation.csvMalformed', { row });
}

/**
 * RFC 4180 in one pass: commas, "quoted" fields with "" for a quote, commas and line breaks
 * inside quotes, CRLF / LF / CR line ends. Lines whose cells are all empty (blank lines, or
 * the ",,,," Excel leaves behind) are skipped. A quote that is never closed, a quote inside
 * an unquoted field or text after a closing quote → validation.csvMalformed with `row`, the
 * row as Excel numbers it (see parseCsvRecords) where the problem is — for an unclosed quote,
 * the row where it opened.
 */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).rows;
}

/**
 * parseCsv, and for each row kept the number of the row Excel shows it on: the record's
 * 1-based position in the file, skipped blank records counted (a line break inside quotes
 * stays in its row). Messages name rows by these numbers, so a clerk finds them in Excel.
 */
export function parseCsvRecords(text: string): { rows: string[][]; rowNumbers: number[] } {
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const len = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let record = 0;
  let row: string[] = [];
  const endRow = () => {
    record++;
    if (row.some((cell) => cell !== '')) {
      rows.push(row);
      rowNumbers.push(record);
    }
    row = [];
  };
  while (i < len) {
    // At the start of a field.
    let value: string;
    let c: number;
    if (text.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      value = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw malformed(record + 1);
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      c = i < len ? text.charCodeAt(i) : -1;
      if (c !== COMMA && c !== CR && c !== LF && c !== -1) throw malformed(record + 1);
    } else {
      let j = i;
      c = -1;
      while (j < len) {
        const ch = text.charCodeAt(j);
        if (ch === COMMA || ch === CR || ch === LF) {
          c = ch;
          break;
        }
        if (ch === QUOTE) throw malformed(record + 1);
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    row.push(value);
    if (c === COMMA) {
      i++;
      if (i === len) {
        row.push('');
        endRow();
      }
      continue;
    }
    endRow();
    if (c === CR) {
      i++;
      if (text.charCodeAt(i) === LF) i++;
    } else if (c === LF) {
      i++;
    }
  }
  if (row.length) endRow();
  return { rows, rowNumbers };
}

