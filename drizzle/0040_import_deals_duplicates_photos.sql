CREATE TABLE "import_photos" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_photos_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "deal_id" uuid;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "duplicate_of" uuid;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "deals_created" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "possible_duplicates" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "import_photos_record_idx" ON "import_photos" USING btree ("workspace_id","record_id","created_at");--> statement-breakpoint
CREATE INDEX "import_photos_import_idx" ON "import_photos" USING btree ("workspace_id","import_id");