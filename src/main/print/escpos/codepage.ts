/**
 * Exact text encoding for the printer's code page, with our own byte tables (no lossy
 * transliteration): PC850 (Multilingual Latin 1) and PC858 (PC850 with € at 0xD5). Both hold
 * ñ Ñ á é í ó ú Á É Í Ó Ú ü Ü ¿ ¡ « » °; anything else outside ASCII prints as «?».
 */

export type CodePageName = 'PC850' | 'PC858';

/** Characters 0x80–0xFF of PC850 (IBM CCSID 850), in byte order. */
const PC850_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

const buildTable = (high: string): ReadonlyMap<string, number> => {
  const table = new Map<string, number>();
  Array.from(high).forEach((char, index) => {
    table.set(char, 0x80 + index);
  });
  return table;
};

const PC858_HIGH = `${PC850_HIGH.slice(0, 0x55)}€${PC850_HIGH.slice(0x56)}`;

const TABLES: Record<CodePageName, ReadonlyMap<string, number>> = {
  PC850: buildTable(PC850_HIGH),
  PC858: buildTable(PC858_HIGH),
};

const QUESTION_MARK = 0x3f;

/**
 * The byte of one character (a single code point) in `page`, or «?» when the page lacks it.
 * @example encodeChar('ñ', 'PC858') // 0xa4
 */
export const encodeChar = (char: string, page: CodePageName): number => {
  const code = char.codePointAt(0) ?? QUESTION_MARK;
  if (code >= 0x20 && code < 0x7f) return code;
  return TABLES[page].get(char) ?? QUESTION_MARK;
};

/**
 * Encodes text for the printer, one byte per character after NFC (so «ñ» typed as n + ˜ is
 * still one ñ). Control characters and unknown characters become «?».
 * @example encodeText('Ñañez ¿sí?', 'PC858') // [0xa5, 0x61, 0xa4, 0x65, 0x7a, 0x20, 0xa8, 0x73, 0xa1, 0x3f]
 */
export const encodeText = (text: string, page: CodePageName): number[] =>
  Array.from(text.normalize('NFC'), (char) => encodeChar(char, page));

/**
 * The text as it will look on paper: same length as the bytes, unknown characters as «?». Used
 * to measure columns.
 * @example printable('Precio €', 'PC850') // 'Precio ?'
 */
export const printable = (text: string, page: CodePageName): string =>
  Array.from(text.normalize('NFC'), (char) =>
    encodeChar(char, page) === QUESTION_MARK ? '?' : char,
  ).join('');
