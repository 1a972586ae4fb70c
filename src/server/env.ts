import { isIP } from 'node:net';
import { z } from 'zod';

const settings = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.string().url().optional(),
    RAPPORT_DATA_DIR: z.string().default('./rapport-data'),
    RAPPORT_SIGNUP: z.enum(['open', 'first', 'closed']).default('first'),
    RAPPORT_DEMO: z.enum(['0', '1', '']).optional(),
    RAPPORT_PUBLIC_URL: z.string().url().optional(),
    RAPPORT_SMTP_PORT: z.coerce.number().int().optional(),
    RAPPORT_MAIL_DOMAIN: z.string().default('localhost'),
    /** Private addresses admin-typed hosts (SMTP, IMAP, calendars) may reach: `true`, or hosts and CIDR ranges. */
    RAPPORT_ALLOW_PRIVATE_HOSTS: z.string().optional(),
    RAPPORT_SECRET: z.string().min(16).optional(),
    /** sign-in and sign-up attempts allowed per IP address per minute */
    RAPPORT_LOGIN_LIMIT: z.coerce.number().int().min(1).default(20),
    /**
     * The proxies whose X-Forwarded-* headers are believed: a hop count (`1`: the one proxy in front) or a
     * comma-separated list of addresses and CIDR ranges; `0` or unset believes none.
     */
    RAPPORT_TRUST_PROXY: z
      .string()
      .default('0')
      .transform((value, context): number | string[] => {
        if (/^\d{1,2}$/.test(value)) return Number(value);
        const proxies = value.split(',').map((p) => p.trim());
        for (const proxy of proxies) {
          const [address, bits, extra] = proxy.split('/');
          const family = isIP(address);
          const maxBits = family === 6 ? 128 : 32;
          const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
          if (!family || !bitsOk || extra !== undefined) {
            context.addIssue({
              code: 'custom',
              message: `"${proxy}" is neither a hop count nor an address or CIDR range`,
            });
            return z.NEVER;
          }
        }
        return proxies;
      }),
    /** the largest file attached to an activity, in bytes (25 MB) */
    RAPPORT_ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(25 * 1024 * 1024),
    /** the largest file an import accepts, in bytes (200 MB) */
    RAPPORT_IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(200 * 1024 * 1024),
    /** the most columns an imported file may have */
    RAPPORT_IMPORT_MAX_COLUMNS: z.coerce.number().int().min(1).default(500),
    /** rows written per transaction by an import (each batch is also its checkpoint) */
    RAPPORT_IMPORT_BATCH: z.coerce.number().int().min(1).max(5000).default(1000),
    /** how long one statement of a report (run, export, scheduled mail) may run before it is stopped, in ms (PostgreSQL) */
    RAPPORT_REPORT_TIMEOUT_MS: z.coerce.number().int().min(1).default(15_000),
    /** where attached files and captured messages are kept: `data-folder` (under RAPPORT_DATA_DIR) or `s3` */
    RAPPORT_FILE_STORE: z.enum(['data-folder', 's3']).default('data-folder'),
    /** the S3-compatible store's address; AWS's regional endpoint when unset */
    RAPPORT_S3_ENDPOINT: z.string().url().optional(),
    RAPPORT_S3_REGION: z.string().default('us-east-1'),
    RAPPORT_S3_BUCKET: z.string().optional(),
    RAPPORT_S3_ACCESS_KEY_ID: z.string().optional(),
    RAPPORT_S3_SECRET_ACCESS_KEY: z.string().optional(),
    /** `1`: address the bucket as `endpoint/bucket/key` (most self-hosted stores) rather than `bucket.endpoint/key` */
    RAPPORT_S3_PATH_STYLE: z.enum(['0', '1']).default('0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((s, context) => {
    if (s.RAPPORT_FILE_STORE !== 's3') return;
    for (const name of [
      'RAPPORT_S3_BUCKET',
      'RAPPORT_S3_ACCESS_KEY_ID',
      'RAPPORT_S3_SECRET_ACCESS_KEY',
    ] as const)
      if (!s[name])
        context.addIssue({ code: 'custom', path: [name], message: 'is required when RAPPORT_FILE_STORE=s3' });
  });
export type Settings = z.infer<typeof settings>;

/** Reads and validates the process environment; a bad setting stops the server with its name. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = settings.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid settings:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
