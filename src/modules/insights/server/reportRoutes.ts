import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parse } from '../../../server/http/validate';
import { checkFilterSize } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { reportAnswer, reportQuery, type ReportQuery } from '../contract';
import { exportFormats, reportFile } from './reportExport';
import { runReport } from './reports';

const exportQuery = z
  .object({ format: z.enum(exportFormats).default('csv'), title: z.string().trim().max(200).optional() })
  .strict();

function queryFrom(body: unknown): ReportQuery {
  if (body && typeof body === 'object') checkFilterSize((body as Record<string, unknown>).filter);
  return parse(reportQuery, body);
}

export function reportRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi } = platform;
  openapi.add({
    method: 'post',
    path: '/insights/reports/run',
    tag: 'Insights',
    summary:
      "Run a report over an object and its relations: filters, up to two groupings (date buckets included), measures; each row with the filter of the records behind it; stopped with a 503 when it runs longer than the server's report time limit",
    body: reportQuery,
    response: reportAnswer,
  });
  app.post('/api/v1/insights/reports/run', async (request) => {
    const ctx = await platform.authenticate(request);
    return runReport(ctx, platform, queryFrom(request.body));
  });

  openapi.add({
    method: 'post',
    path: '/insights/reports/export',
    tag: 'Insights',
    summary:
      "Run a report and answer its rows as a CSV, XLSX or PDF file (?format=csv|xlsx|pdf); a 503 past the server's report time limit",
    produces: [
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/pdf',
    ],
    body: reportQuery,
    query: {
      format: 'csv (default), xlsx, or pdf (the chart and the table)',
      title: "the PDF's title (the report's name)",
    },
  });
  app.post('/api/v1/insights/reports/export', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const { format, title } = parse(exportQuery, request.query);
    const query = queryFrom(request.body);
    const file = await reportFile(query, await runReport(ctx, platform, query), format, title || undefined);
    return reply
      .header('content-type', file.type)
      .header('content-disposition', `attachment; filename="report.${format}"`)
      .send(file.body);
  });
}
