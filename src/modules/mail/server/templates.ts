import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { NotFound } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { assertCanWrite, type RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import type { EmailTemplate, emailTemplateInput } from '../contract';
import { assertMergeFields, mergeFieldNames } from './merge';

const columns = sql`id, name, subject, body, body_format AS "bodyFormat",
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"`;

type TemplateInput = z.infer<typeof emailTemplateInput>;

export async function listTemplates(ctx: RequestContext): Promise<EmailTemplate[]> {
  return ctx.db.read((x) =>
    rows<EmailTemplate>(
      x,
      sql`SELECT ${columns} FROM email_templates WHERE workspace_id = ${ctx.workspace.id} ORDER BY name, id`,
    ),
  );
}

export async function templateById(ctx: RequestContext, id: string): Promise<EmailTemplate> {
  const [found] = await ctx.db.read((x) =>
    rows<EmailTemplate>(
      x,
      sql`SELECT ${columns} FROM email_templates WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`,
    ),
  );
  if (!found) throw new NotFound(`No email template with id ${id}`);
  return found;
}

async function checked(platform: Platform, ctx: RequestContext, input: TemplateInput) {
  assertCanWrite(ctx);
  assertMergeFields({ subject: input.subject, body: input.body }, await mergeFieldNames(platform, ctx));
}

export async function createTemplate(platform: Platform, ctx: RequestContext, input: TemplateInput) {
  await checked(platform, ctx, input);
  // A second template of the same name is a 409 from the unique index, through the error handler.
  const [created] = await ctx.db.write((tx) =>
    rows<EmailTemplate>(
      tx,
      sql`INSERT INTO email_templates (workspace_id, id, name, subject, body, body_format)
          VALUES (${ctx.workspace.id}, ${uuidv7()}, ${input.name}, ${input.subject}, ${input.body}, ${input.bodyFormat})
          RETURNING ${columns}`,
    ),
  );
  return created;
}

export async function updateTemplate(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  input: TemplateInput,
) {
  await checked(platform, ctx, input);
  const [updated] = await ctx.db.write((tx) =>
    rows<EmailTemplate>(
      tx,
      sql`UPDATE email_templates SET name = ${input.name}, subject = ${input.subject}, body = ${input.body},
            body_format = ${input.bodyFormat}, updated_at = now()
          WHERE workspace_id = ${ctx.workspace.id} AND id = ${id} RETURNING ${columns}`,
    ),
  );
  if (!updated) throw new NotFound(`No email template with id ${id}`);
  return updated;
}

export async function deleteTemplate(ctx: RequestContext, id: string) {
  assertCanWrite(ctx);
  const gone = await ctx.db.write((tx) =>
    rows(
      tx,
      sql`DELETE FROM email_templates WHERE workspace_id = ${ctx.workspace.id} AND id = ${id} RETURNING id`,
    ),
  );
  if (gone.length === 0) throw new NotFound(`No email template with id ${id}`);
}
