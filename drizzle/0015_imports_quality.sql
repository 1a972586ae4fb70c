CREATE TABLE "import_changes" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"object" text NOT NULL,
	"record_id" uuid NOT NULL,
	"created" boolean NOT NULL,
	"previous" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "import_changes_pkey" PRIMARY KEY("workspace_id","import_id","object","record_id")
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"object" text NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"match" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"outcome" text NOT NULL,
	"record_id" uuid,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	CONSTRAINT "import_rows_pkey" PRIMARY KEY("workspace_id","import_id","row")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"object" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"mapping" jsonb NOT NULL,
	"match" jsonb,
	"total" integer,
	"checkpoint_row" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"failure" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "imports_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
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
CREATE INDEX "import_mappings_object_idx" ON "import_mappings" USING btree ("workspace_id","object","name");--> statement-breakpoint
CREATE INDEX "imports_created_idx" ON "imports" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "duplicate_pairs_queue_idx" ON "duplicate_pairs" USING btree ("workspace_id","object","score" DESC NULLS LAST,"record_a","record_b") WHERE NOT dismissed;--> statement-breakpoint
CREATE INDEX "merges_survivor_idx" ON "merges" USING btree ("workspace_id","object","survivor_id");