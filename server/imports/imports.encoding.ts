import iconv from 'iconv-lite';
import * as chardet from 'chardet';
import { DomainError, unprocessable } from '../http/errors.ts';

/**
 * Text encodings of survey files. Excel in China saves CSV as GBK (code page 936), newer
 * tools write UTF-8, sometimes with a BOM. A wrong guess does not fail loudly: GBK bytes read
 * as UTF-8, or Big5 read as GBK, turn into plausible-looking nonsense. So a file is decoded
 * only when the evidence is clear, and otherwise the person is asked to declare it.
 */
export const TEXT_ENCODINGS = ['utf-8', 'gbk'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
export type DeclaredEncoding = TextEncoding | 'auto';

const BOM = [0xef, 0xbb, 0xbf];
const REPLACEMENT = '\uFFFD';
/** chardet's score for GB18030 below which a non-UTF-8 file is not trusted to be GBK. */
const MIN_GBK_CONFIDENCE = 30;
/** chardet reads every byte it is given; a quarter of a megabyte of a survey is evidence enough. */
const SAMPLE_BYTES = 256 * 1024;

const declareEncoding = (what: string, why: string) =>
  new DomainError('declare_encoding', 422, `Could not tell the text encoding of the ${what} (${why}); declare the encoding: send encoding=utf-8 or encoding=gbk.`);

function validUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

const hasNonAscii = (bytes: Uint8Array) => bytes.some((b) => b > 0x7f);

/** The line of the first replacement character, for a message a person can act on. */
function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function refuseReplacement(text: string, what: string, encoding: string): void {
  const at = text.indexOf(REPLACEMENT);
  if (at >= 0) {
    throw new DomainError('declare_encoding', 422,
      `The ${what} does not read cleanly as ${encoding} (an unreadable character on line ${lineOf(text, at)}); declare the encoding that the file was saved in (utf-8 or gbk), or save it again as UTF-8.`);
  }
}

/**
 * Which encoding the bytes are in, from a BOM, from being valid UTF-8, or from chardet ranking
 * GB18030 first. Anything else (Big5, Shift_JIS, Latin-1, a mixture) is refused, since reading it
 * as GBK would store mojibake.
 */
export function detectEncoding(bytes: Uint8Array, what = 'file'): TextEncoding {
  if (BOM.every((b, i) => bytes[i] === b)) return 'utf-8';
  if (!hasNonAscii(bytes) || validUtf8(bytes) !== null) return 'utf-8';
  const ranked = chardet.analyse(bytes.subarray(0, SAMPLE_BYTES));
  const top = ranked[0]?.confidence ?? 0;
  const gbk = ranked.find((r) => r.name === 'GB18030');
  // EUC-KR shares GBK's byte ranges and often ties with it on short Chinese text; a tie is
  // settled for GBK, the encoding Chinese Excel writes. Anything ranked above GBK is refused.
  if (!gbk || gbk.confidence < top || gbk.confidence < MIN_GBK_CONFIDENCE) {
    const guess = ranked[0] ? `it looks most like ${ranked[0].name}` : 'no encoding fits';
    throw declareEncoding(what, guess);
  }
  return 'gbk';
}

/**
 * Decodes a text file, stripping a UTF-8 BOM. A declared encoding is believed unless the bytes
 * contradict it; nothing is ever returned with replacement characters in it.
 */
export function decodeText(bytes: Uint8Array, declared: DeclaredEncoding, what = 'file'): { text: string; encoding: TextEncoding } {
  const encoding = declared === 'auto' ? detectEncoding(bytes, what) : declared;
  if (encoding === 'utf-8') {
    const text = validUtf8(bytes);
    if (text === null) {
      throw unprocessable('encoding_mismatch', `The ${what} is not valid UTF-8. If it was saved from Excel in Chinese, send encoding=gbk (or encoding=auto).`);
    }
    refuseReplacement(text, what, 'UTF-8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding };
  }
  // GBK bytes are almost never valid UTF-8 by accident; if they are, the declaration is wrong.
  if (hasNonAscii(bytes) && validUtf8(bytes) !== null) {
    throw unprocessable('encoding_mismatch', `The ${what} is UTF-8, not GBK; send encoding=utf-8 (or encoding=auto).`);
  }
  // GB18030 decodes every GBK byte sequence the same way and also covers its later additions.
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  refuseReplacement(text, what, 'GBK');
  return { text, encoding };
}

/** Names people and tools write for the encodings we read (.cpg files, XML declarations). */
export function encodingFromLabel(label: string): TextEncoding | undefined {
  const v = label.trim().toLowerCase().replace(/[\s_]/g, '');
  if (['utf-8', 'utf8', '65001'].includes(v)) return 'utf-8';
  if (['gbk', 'gb2312', 'gb18030', '936', 'cp936', 'ansi936', 'windows-936', 'euc-cn'].includes(v)) return 'gbk';
  return undefined;
}
