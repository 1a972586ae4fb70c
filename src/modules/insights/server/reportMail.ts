import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import { getRecordJson } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { userContext } from '../../../server/seed/context';
import { sendNotice } from '../../mail/server';
import { reportDefinition } from '../contract';
import { reportFile, type ExportFormat } from './reportExport';
import { runReport } from './reports';

const reportMailJob = 'insights.report-mail';
/** Reports emailed per run; the hourly run after takes the rest. */
const batch = 100;

/** The start of the current period: the last Monday, or 1st of the month, 07:00 UTC, up to now. */
const periodStart = sql`(CASE r.email_schedule
  WHEN 'weekly' THEN date_trunc('week', now() - interval '7 hours', 'UTC')
  ELSE date_trunc('month', now() - interval '7 hours', 'UTC') END + interval '7 hours')`;

interface DueReport {
  workspace_id: string;
  id: string;
  owner_id: string;
}

/**
 * Emails one scheduled report as its owner sees it (visibility and field access are theirs, today),
 * its table attached; a report whose owner left is not sent.
 */
async function emailReport(platform: Platform, due: DueReport) {
  const ctx = await userContext(platform.db, due.workspace_id, due.owner_id);
  if (!ctx) return;
  const reports = await platform.registry.object(ctx.db, ctx.workspace, 'reports', ctx.role);
  const report = JSON.parse(await getRecordJson(ctx, reports, due.id)) as {
    name: string;
    definition: unknown;
    emailTo: string[];
    emailFormat: ExportFormat | null;
  };
  const query = reportDefinition.parse(report.definition);
  const format = report.emailFormat ?? 'csv';
  const answer = await runReport(ctx, platform, query);
  const file = await reportFile(query, answer, format, report.name);
  await sendNotice(platform, ctx.workspace.id, {
    to: report.emailTo,
    subject: `${report.name}: your ${ctx.workspace.name} report`,
    text: [
      `${report.name}, as of ${new Date().toISOString().slice(0, 10)}: ${answer.data.length} rows, attached.`,
      answer.capped ? 'Only the first groups are included: narrow the report to see all of them.' : '',
      `Sent at the request of ${ctx.actor.name}. To stop it, clear "Email it" on the report in Rapport.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    attachments: [{ filename: `report.${format}`, content: file.body, contentType: file.type }],
  });
}

/** Every report due for its weekly or monthly email, across workspaces, oldest first. */
export async function emailDueReports(platform: Platform): Promise<number> {
  const due = await platform.db.read((x) =>
    rows<DueReport>(
      x,
      sql`SELECT r.workspace_id, r.id, r.owner_id FROM reports r
        WHERE r.email_schedule IS NOT NULL AND r.deleted_at IS NULL
          AND r.owner_id IS NOT NULL AND cardinality(r.email_to) > 0
          AND coalesce(r.last_emailed_at, '-infinity') < ${periodStart}
        ORDER BY r.last_emailed_at NULLS FIRST LIMIT ${batch}`,
    ),
  );
  const failed: string[] = [];
  for (const report of due) {
    // Marked first: a mail server that fails shows in Admin › Jobs instead of sending again every hour.
    await platform.db.write((tx) =>
      tx.execute(
        sql`UPDATE reports SET last_emailed_at = now() WHERE workspace_id = ${report.workspace_id} AND id = ${report.id}`,
      ),
    );
    await emailReport(platform, report).catch((error: unknown) =>
      failed.push(`report ${report.id}: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  if (failed.length) throw new Error(`Scheduled reports not emailed: ${failed.join('; ')}`);
  return due.length;
}

/** Looks for due reports every hour, once across all processes. */
export function scheduleReportMail(platform: Platform) {
  platform.jobs.define(reportMailJob, () => emailDueReports(platform).then(() => undefined), {
    cron: '5 * * * *',
    retryLimit: 0,
  });
}
