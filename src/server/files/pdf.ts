import PDFDocument from 'pdfkit';

/** A column of a table drawn in a PDF: where it starts, how wide it is, how its text is aligned. */
export interface PdfColumn {
  x: number;
  width: number;
  align: 'left' | 'right';
}

/** Where the text of an A4 page ends (points from the top), before a new page is started. */
export const pageBottom = 740;

/** A new A4 document, and the whole file once `doc.end()` is called. */
export function pdfDocument(title: string, layout: 'portrait' | 'landscape' = 'portrait') {
  const doc = new PDFDocument({ size: 'A4', layout, margin: 50, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** Draws one row of a table at `y`; answers where the next row starts (below its tallest cell). */
export function drawTableRow(
  doc: PDFKit.PDFDocument,
  columns: readonly PdfColumn[],
  cells: string[],
  y: number,
  bold = false,
): number {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
  let height = 0;
  cells.forEach((text, i) => {
    const c = columns[i];
    doc.text(text, c.x, y, { width: c.width, align: c.align });
    height = Math.max(height, doc.heightOfString(text, { width: c.width }));
  });
  return y + height + 4;
}
