/**
 * Cuts a serial byte stream into lines at CR or LF. Bytes map one-to-one to characters (latin1), so binary
 * status bytes survive. A line longer than `maxLength` is dropped whole — up to its end — and reported once.
 */
export class LineSplitter {
  private buffer = '';
  private overflowing = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onTooLong: () => void,
    private readonly maxLength = 256,
  ) {}

  push(chunk: Uint8Array): void {
    let text = this.buffer;
    for (const byte of chunk) text += String.fromCharCode(byte);
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      if (char !== '\r' && char !== '\n') continue;
      const line = text.slice(start, i);
      start = i + 1;
      if (this.overflowing) this.overflowing = false;
      else if (line.length > this.maxLength) this.onTooLong();
      else if (line.length > 0) this.onLine(line);
    }
    this.buffer = text.slice(start);
    if (this.buffer.length > this.maxLength) {
      if (!this.overflowing) this.onTooLong();
      this.overflowing = true;
      this.buffer = '';
    }
  }
}
