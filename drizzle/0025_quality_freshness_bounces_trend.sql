CREATE TABLE "email_bounces" (
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"address" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"mail_id" uuid NOT NULL,
	CONSTRAINT "email_bounces_pkey" PRIMARY KEY("workspace_id","contact_id","mail_id")
);
--> statement-breakpoint
CREATE TABLE "quality_snapshots" (
	"workspace_id" uuid NOT NULL,
	"object" text NOT NULL,
	"day" date NOT NULL,
	"records" integer NOT NULL,
	"score" real NOT NULL,
	"stale" integer NOT NULL,
	"duplicates_waiting" integer NOT NULL,
	"fields" jsonb NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_snapshots_pkey" PRIMARY KEY("workspace_id","object","day")
);
--> statement-breakpoint
ALTER TABLE "quality_settings" ADD COLUMN "stale_after_months" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "email_bounces_contact_idx" ON "email_bounces" USING btree ("workspace_id","contact_id","at");