ALTER TABLE "contacts" ADD COLUMN "mobile_phone" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "mailing_address" jsonb;