ALTER TABLE "reports" ADD COLUMN "email_schedule" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "email_to" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "email_format" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "last_emailed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "reports_email_schedule_idx" ON "reports" USING btree ("email_schedule") WHERE email_schedule IS NOT NULL AND deleted_at IS NULL;