CREATE TABLE "duplicate_pairs" (
	"workspace_id" uuid NOT NULL,
	"object" text NOT NULL,
	"record_a" uuid NOT NULL,
	"record_b" uuid NOT NULL,
	"score" numeric(3, 2) NOT NULL,
	"reasons" jsonb NOT NULL,
	"dismissed" boolean DEFAULT false NOT NULL,
	"found_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duplicate_pairs_pkey" PRIMARY KEY("workspace_id","object","record_a","record_b")
);
--> statement-breakpoint
CREATE TABLE "duplicate_scans" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"object" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"checkpoint" uuid,
	"scanned" integer DEFAULT 0 NOT NULL,
	"pairs" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duplicate_scans_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "merges" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"object" text NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_ids" jsonb NOT NULL,
	"survivor_before" jsonb NOT NULL,
	"moves" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	CONSTRAINT "merges_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "quality_settings" (
	"workspace_id" uuid NOT NULL,
	"duplicate_threshold" real DEFAULT 0.6 NOT NULL,
	CONSTRAINT "quality_settings_pkey" PRIMARY KEY("workspace_id")
);
--> statement-breakpoint
CREATE INDEX "duplicate_pairs_queue_idx" ON "duplicate_pairs" USING btree ("workspace_id","object","score" DESC NULLS LAST,"record_a","record_b") WHERE NOT dismissed;--> statement-breakpoint
CREATE INDEX "merges_survivor_idx" ON "merges" USING btree ("workspace_id","object","survivor_id");