/**
 * ESC/POS command bytes (Epson ESC/POS command reference). Each function returns the exact
 * bytes of one command, so receipts read as a list of commands and tests can name them.
 */

const ESC = 0x1b;
const GS = 0x1d;

export const LF = [0x0a];
/** ESC @: initialize the printer (clears modes left by a previous job). */
export const initialize = (): number[] => [ESC, 0x40];
/** ESC t n: select the character code table. */
export const selectCodePage = (n: number): number[] => [ESC, 0x74, n];
/** ESC a n: 0 left, 1 center, 2 right. */
export const align = (where: 'left' | 'center' | 'right'): number[] => [
  ESC,
  0x61,
  where === 'left' ? 0 : where === 'center' ? 1 : 2,
];
/** ESC E n: emphasized (bold) on/off. */
export const bold = (on: boolean): number[] => [ESC, 0x45, on ? 1 : 0];
/** GS ! n: character size, width and height multipliers 1–8. */
export const size = (width: number, height: number): number[] => [
  GS,
  0x21,
  ((width - 1) << 4) | (height - 1),
];
/** ESC M n: font A (12×24) or B (9×17). */
export const font = (which: 'A' | 'B'): number[] => [ESC, 0x4d, which === 'A' ? 0 : 1];
/** ESC d n: print and feed n lines. */
export const feedLines = (n: number): number[] => [ESC, 0x64, n];
/** GS V 66 n: feed n dots past the cutter, then partial cut. */
export const cut = (feedDots = 0): number[] => [GS, 0x56, 66, feedDots];
/**
 * ESC p m t1 t2: drawer kick pulse on pin 2 (m = 0), 50 ms on, 500 ms off (t × 2 ms), the
 * values Epson documents for common cash drawers.
 */
export const drawerKick = (): number[] => [ESC, 0x70, 0, 25, 250];

/**
 * GS k m = 73 (CODE128): code set C for digit pairs, and set B for a trailing odd digit;
 * preceded by height (GS h), module width (GS w) and HRI below in font B (GS H, GS f).
 */
export const code128Digits = (digits: string, moduleDots: number, heightDots: number): number[] => {
  if (!/^\d+$/.test(digits)) throw new Error('CODE128 set C: solo dígitos');
  const data: number[] = [0x7b, 0x43]; // {C
  const pairs = digits.length - (digits.length % 2);
  for (let i = 0; i < pairs; i += 2) data.push(Number(digits.slice(i, i + 2)));
  if (pairs < digits.length) data.push(0x7b, 0x42, digits.charCodeAt(pairs)); // {B + digit
  // biome-ignore format: one command per line
  return [
    GS, 0x68, heightDots,
    GS, 0x77, moduleDots,
    GS, 0x48, 2,
    GS, 0x66, 1,
    GS, 0x6b, 73, data.length, ...data,
  ];
};

/** GS ( k: QR Code model 2, module size, error correction M, store data, print. */
export const qrCode = (text: string, moduleDots: number): number[] => {
  const data = Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  const stored = data.length + 3;
  // biome-ignore format: one function per line
  return [
    GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0, // model 2
    GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleDots, // module size
    GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31, // error correction M
    GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30, ...data, // store
    GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30, // print
  ];
};
