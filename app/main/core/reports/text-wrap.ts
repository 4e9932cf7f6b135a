/**
 * Line breaking for printed cells, done here rather than by the browser so that pagination knows each row's
 * height before the page is drawn. Widths are DejaVu Sans advance widths (the widest of the fonts the page asks
 * for), rounded up.
 */

const PT_TO_MM = 25.4 / 72;

/** DejaVu Sans advance widths in em, for the printable ASCII characters from the space (32) on. */
const ASCII_EM = [
  0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337, 0.636, 0.636,
  0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531, 1.0, 0.684, 0.686,
  0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635,
  0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615,
  0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592,
  0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
];
/** Rounding up, and bold faces being wider, a line measured to fit here fits on paper. */
const MARGIN = 1.04;
const BOLD = 1.1;

function advanceEm(char: string): number {
  const code = char.codePointAt(0)!;
  if (code >= 32 && code < 127) return ASCII_EM[code - 32]!;
  if (/\s/.test(char)) return 0.318; // the no-break spaces Intl puts after a currency
  return 1.0; // anything else (dashes, accents, other scripts): the widest guess
}

/** No text of this many UTF-16 units is wider (no character is wider than 1 em): a bound that skips measuring. */
export function widestMm(length: number, fontPt: number, bold = false): number {
  return length * fontPt * PT_TO_MM * MARGIN * (bold ? BOLD : 1);
}

export function textWidthMm(text: string, fontPt: number, bold = false): number {
  let em = 0;
  for (const char of text) em += advanceEm(char);
  return em * fontPt * PT_TO_MM * MARGIN * (bold ? BOLD : 1);
}

/** Splits text into lines no wider than `widthMm`: at spaces where it can, inside a word only when it must. */
export function wrapText(text: string, widthMm: number, fontPt: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (candidate: string) => textWidthMm(candidate, fontPt) <= widthMm;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    // A word wider than the column (a long receipt number) is cut between characters, never dropped.
    for (const char of word) {
      if (line && !fits(line + char)) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
