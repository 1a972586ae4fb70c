import { drawTableRow, pageBottom, pdfDocument, type PdfColumn } from '../../../server/files/pdf';
import { quoteLabel, type QuoteLine, type QuoteSettings } from '../contract';

export interface PrintedQuote {
  number: number;
  revision: number;
  title: string;
  currency: string;
  validUntil: string | null;
  terms: string | null;
  lines: QuoteLine[];
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  accountName: string | null;
}

const columns: readonly (PdfColumn & { title: string })[] = [
  { title: 'Item', x: 50, width: 200, align: 'left' },
  { title: 'Qty', x: 250, width: 50, align: 'right' },
  { title: 'Unit price', x: 300, width: 75, align: 'right' },
  { title: 'Disc. %', x: 375, width: 45, align: 'right' },
  { title: 'Tax %', x: 420, width: 40, align: 'right' },
  { title: 'Amount', x: 460, width: 85, align: 'right' },
];

/** The logo, if the workspace has one pdfkit can read (PNG or JPEG); a broken one is left out, not fatal. */
function drawLogo(doc: PDFKit.PDFDocument, logoBase64: string | null) {
  if (!logoBase64) return;
  try {
    doc.image(Buffer.from(logoBase64, 'base64'), 50, 45, { fit: [120, 50] });
  } catch {
    doc.fontSize(8).fillColor('#999').text('(logo not readable)', 50, 45).fillColor('#000');
  }
}

/** One row of the lines' table. */
const drawRow = (doc: PDFKit.PDFDocument, cells: string[], y: number, bold = false) =>
  drawTableRow(doc, columns, cells, y, bold);

/** The quote as a PDF: the workspace's logo and address, the lines, the totals and the terms. */
export function quotePdf(quote: PrintedQuote, settings: QuoteSettings): Promise<Buffer> {
  const { doc, done } = pdfDocument(quoteLabel(quote.number, quote.revision));
  drawLogo(doc, settings.logoBase64);
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(settings.companyName ?? '', 300, 45, { width: 245, align: 'right' });
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(settings.companyAddress ?? '', { width: 245, align: 'right' });
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(`Quote ${quoteLabel(quote.number, quote.revision)}`, 50, 120);
  doc.font('Helvetica').fontSize(10).text(quote.title);
  if (quote.accountName) doc.text(`For: ${quote.accountName}`);
  if (quote.validUntil) doc.text(`Valid until: ${quote.validUntil}`);
  let y = drawRow(
    doc,
    columns.map((c) => c.title),
    doc.y + 15,
    true,
  );
  for (const line of quote.lines) {
    if (y > pageBottom) {
      doc.addPage();
      y = 50;
    }
    const item = line.description
      ? `${line.name} (${line.sku})\n${line.description}`
      : `${line.name} (${line.sku})`;
    y = drawRow(
      doc,
      [item, String(line.quantity), line.unitPrice, line.discountPercent, line.taxRate, line.net],
      y,
    );
  }
  if (y > 680) {
    doc.addPage();
    y = 50;
  }
  y += 10;
  for (const [label, value] of [
    ['Subtotal', quote.subtotal],
    ['Discounts', `-${quote.discountTotal}`],
    ['Tax', quote.taxTotal],
    [`Total (${quote.currency})`, quote.total],
  ]) {
    doc.font(label.startsWith('Total') ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    doc.text(label, 330, y, { width: 120, align: 'right' });
    doc.text(value, 460, y, { width: 85, align: 'right' });
    y += 16;
  }
  if (quote.terms) {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text('Terms', 50, y + 20);
    doc.font('Helvetica').fontSize(9).text(quote.terms, { width: 495 });
  }
  doc.end();
  return done;
}
