/**
 * Line breaking for printed cells, done here rather than by the browser so that pagination knows each row's
 * height before the page is drawn. Widths are DejaVu Sans advance widths (the widest of the fonts the page asks
 * for) rounded up, so a line measured to fit here fits on paper.
 */

const PT_TO_MM = 25.4 / 72;

function advanceEm(char: string): number {
  if (/\s/.test(char)) return 0.32; // including the no-break spaces Intl puts after a currency
  if (/[0-9]/.test(char)) return 0.64;
  if (/[il|.,:;'!]/.test(char)) return 0.34;
  if (/[jfrt()[\]\-/]/.test(char)) return 0.45;
  if (char === 'm' || char === 'M' || char === 'W' || char === 'w' || char === '—' || char === '@') return 1.0;
  if (/[a-z]/.test(char)) return 0.62;
  if (/[A-Z]/.test(char)) return 0.76;
  return 0.9;
}

export function textWidthMm(text: string, fontPt: number): number {
  let em = 0;
  for (const char of text) em += advanceEm(char);
  return em * fontPt * PT_TO_MM;
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
