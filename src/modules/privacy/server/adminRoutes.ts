import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { assertAdmin } from '../../../server/engine';
import {
  auditPage,
  auditQuery,
  privacySettings,
  privacySettingsInput,
  retentionPage,
  retentionQuery,
} from '../contract';
import { auditLog } from './audit';
import { readPrivacySettings, retentionList, writePrivacySettings } from './retention';
import { applyRetention } from './retentionJob';

/** The workspace's privacy screen: the retention rule, the contacts it applies to, the audit log. */
export function privacyAdminRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi } = platform;
  const admin = async (request: Parameters<Platform['authenticate']>[0]) => {
    const ctx = await platform.authenticate(request);
    assertAdmin(ctx);
    return ctx;
  };

  openapi.add({
    method: 'get',
    path: '/privacy/settings',
    tag: 'Privacy',
    summary: "The workspace's retention rule (admin)",
    response: privacySettings,
  });
  app.get('/api/v1/privacy/settings', async (request) => readPrivacySettings(await admin(request)));

  openapi.add({
    method: 'patch',
    path: '/privacy/settings',
    tag: 'Privacy',
    summary:
      'Set the retention rule: `retentionYears` (null: off) and `retentionAction` (`flag` or `erase`) (admin)',
    body: privacySettingsInput,
    response: privacySettings,
  });
  app.patch('/api/v1/privacy/settings', async (request) => {
    const ctx = await admin(request);
    return writePrivacySettings(ctx, parse(privacySettingsInput, request.body));
  });

  openapi.add({
    method: 'get',
    path: '/privacy/retention',
    tag: 'Privacy',
    summary: 'Contacts with no activity and no change for the retention period, oldest change first (admin)',
    query: { limit: '1 to 200', cursor: 'nextCursor of the previous page' },
    response: retentionPage,
  });
  app.get('/api/v1/privacy/retention', async (request) => {
    const ctx = await admin(request);
    const query = parse(retentionQuery, request.query);
    return retentionList(ctx, query.limit, query.cursor);
  });

  openapi.add({
    method: 'post',
    path: '/privacy/retention/run',
    tag: 'Privacy',
    summary:
      'Apply the retention rule now, as the daily run does: flag (or erase) the contacts past it (admin)',
    response: z.object({ flagged: z.number().int(), erased: z.number().int() }),
  });
  app.post('/api/v1/privacy/retention/run', async (request) => {
    const ctx = await admin(request);
    return applyRetention(platform, ctx.workspace.id);
  });

  openapi.add({
    method: 'get',
    path: '/privacy/audit',
    tag: 'Privacy',
    summary: 'The privacy audit log: consents, exports, erasures and retention, newest first (admin)',
    query: { limit: '1 to 200', cursor: 'nextCursor of the previous page' },
    response: auditPage,
  });
  app.get('/api/v1/privacy/audit', async (request) => {
    const ctx = await admin(request);
    const query = parse(auditQuery, request.query);
    return auditLog(ctx, query.limit, query.cursor);
  });
}
