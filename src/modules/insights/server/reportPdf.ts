import { drawTableRow, pageBottom, pdfDocument, type PdfColumn } from '../../../server/files/pdf';

/** Horizontal bars of the first measure per group: a report of one grouping and a few groups. */
function drawBars(doc: PDFKit.PDFDocument, rows: string[][], width: number, y: number): number {
  const values = rows.map((r) => Number(r[1]));
  const top = Math.max(...values);
  if (!(top > 0) || values.some((v) => !Number.isFinite(v) || v < 0)) return y;
  const labelWidth = 150;
  const room = width - labelWidth - 80;
  doc.font('Helvetica').fontSize(8);
  for (const [i, row] of rows.entries()) {
    const barY = y + i * 16;
    doc
      .fillColor('#000')
      .text(row[0] || '(none)', 50, barY + 2, { width: labelWidth - 8, ellipsis: true, lineBreak: false });
    doc.rect(50 + labelWidth, barY, Math.max(1, (values[i] / top) * room), 11).fill('#228be6');
    doc
      .fillColor('#000')
      .text(row[1], 50 + labelWidth + (values[i] / top) * room + 4, barY + 2, { lineBreak: false });
  }
  doc.fillColor('#000');
  return y + rows.length * 16 + 12;
}

/**
 * A report as a PDF: its name and date, a bar chart of the first measure when the report has one
 * grouping and at most 24 groups, then the whole table, its header repeated on every page.
 */
export function reportPdf(
  title: string,
  labels: string[],
  rows: string[][],
  groupings: number,
): Promise<Buffer> {
  const layout = labels.length > 5 ? 'landscape' : 'portrait';
  const { doc, done } = pdfDocument(title, layout);
  const width = (layout === 'landscape' ? 842 : 595) - 100;
  const bottom = layout === 'landscape' ? pageBottom - 250 : pageBottom;
  const columnWidth = width / Math.max(1, labels.length);
  const columns: PdfColumn[] = labels.map((_, i) => ({
    x: 50 + i * columnWidth,
    width: columnWidth - 6,
    align: i < groupings ? 'left' : 'right',
  }));
  doc.font('Helvetica-Bold').fontSize(16).text(title, 50, 50, { width });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555')
    .text(`As of ${new Date().toISOString().slice(0, 10)}`);
  doc.fillColor('#000');
  let y = doc.y + 14;
  if (groupings === 1 && labels.length > 1 && rows.length > 0 && rows.length <= 24)
    y = drawBars(doc, rows, width, y);
  y = drawTableRow(doc, columns, labels, y, true);
  for (const row of rows) {
    if (y > bottom) {
      doc.addPage();
      y = drawTableRow(doc, columns, labels, 50, true);
    }
    y = drawTableRow(doc, columns, row, y);
  }
  if (rows.length === 0)
    doc
      .font('Helvetica')
      .fontSize(10)
      .text('No records match this report.', 50, y + 6);
  doc.end();
  return done;
}
