import { once } from 'node:events';
import type { Writable } from 'node:stream';
import {
  PDFContext,
  PDFCrossRefSection,
  PDFDocument,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFObjectCopier,
  type PDFPageLeaf,
  PDFRef,
  PDFTrailer,
  PDFTrailerDict,
  type PDFObject,
} from 'pdf-lib';

const CATALOG = PDFRef.of(1);
const PAGES = PDFRef.of(2);
const FIRST_FREE = 3;

/**
 * Concatenates PDFs into one file as they come, writing each one's pages to the stream at once: only the part
 * being appended is in memory, never the whole document. pdf-lib parses each part and copies its pages (with
 * everything they use) under fresh object numbers; this writer lays out the file around them — header, objects,
 * the page tree and cross-reference table at the end.
 */
export class PdfConcatWriter {
  private offset = 0;
  private nextObject = FIRST_FREE;
  /** Byte offset of each object by number, for the cross-reference table (which must list them in order). */
  private readonly offsets: number[] = [];
  private readonly pageRefs: PDFRef[] = [];
  private started = false;

  constructor(
    private readonly out: Writable,
    private readonly title = '',
  ) {}

  get pages(): number {
    return this.pageRefs.length;
  }

  private async write(bytes: Uint8Array): Promise<void> {
    this.offset += bytes.length;
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }

  private async writeObject(ref: PDFRef, object: PDFObject): Promise<void> {
    this.offsets[ref.objectNumber] = this.offset;
    const head = Buffer.from(`${ref.objectNumber} 0 obj\n`, 'latin1');
    const body = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(body, 0);
    await this.write(Buffer.concat([head, body, Buffer.from('\nendobj\n', 'latin1')]));
  }

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const header = PDFHeader.forVersion(1, 7);
    const bytes = new Uint8Array(header.sizeInBytes());
    header.copyBytesInto(bytes, 0);
    await this.write(bytes);
  }

  /** Appends every page of one PDF; returns how many. */
  async append(pdf: Uint8Array): Promise<number> {
    await this.start();
    const source = await PDFDocument.load(pdf, { updateMetadata: false });
    const target = PDFContext.create();
    target.largestObjectNumber = this.nextObject - 1;
    const copier = PDFObjectCopier.for(source.context, target);
    for (const page of source.getPages()) {
      const copy = copier.copy(page.node) as PDFPageLeaf;
      copy.set(PDFName.of('Parent'), PAGES);
      this.pageRefs.push(target.register(copy));
    }
    const objects = target.enumerateIndirectObjects().sort(([a], [b]) => a.objectNumber - b.objectNumber);
    for (const [ref, object] of objects) await this.writeObject(ref, object);
    this.nextObject = target.largestObjectNumber + 1;
    return source.getPageCount();
  }

  /** Writes the page tree, catalogue and cross-reference table; the stream is left open for the caller. */
  async finish(): Promise<{ pages: number; bytes: number }> {
    await this.start();
    const context = PDFContext.create();
    await this.writeObject(PAGES, context.obj({ Type: 'Pages', Kids: this.pageRefs, Count: this.pageRefs.length }));
    await this.writeObject(CATALOG, context.obj({ Type: 'Catalog', Pages: PAGES }));
    const info = PDFRef.of(this.nextObject);
    await this.writeObject(
      info,
      context.obj({ Title: PDFHexString.fromText(this.title), Producer: PDFHexString.fromText('CollectPay') }),
    );
    const xref = PDFCrossRefSection.create();
    this.offsets.forEach((offset, objectNumber) => xref.addEntry(PDFRef.of(objectNumber), offset));
    const xrefOffset = this.offset;
    const trailerDict = PDFTrailerDict.of(context.obj({ Size: this.nextObject + 1, Root: CATALOG, Info: info }));
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    for (const part of [xref, trailerDict, trailer]) {
      const bytes = new Uint8Array(part.sizeInBytes());
      part.copyBytesInto(bytes, 0);
      await this.write(bytes);
    }
    return { pages: this.pageRefs.length, bytes: this.offset };
  }
}
