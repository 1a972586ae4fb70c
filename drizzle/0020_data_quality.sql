CREATE TABLE "validation_rules" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"object" text NOT NULL,
	"field" text NOT NULL,
	"rule" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "validation_rules_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "record_history" ADD COLUMN "source_ref" text;--> statement-breakpoint
ALTER TABLE "merges" ADD COLUMN "row_moves" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "validation_rules_object_idx" ON "validation_rules" USING btree ("workspace_id","object","created_at");--> statement-breakpoint
CREATE INDEX "import_rows_record_idx" ON "import_rows" USING btree ("workspace_id","import_id","record_id");--> statement-breakpoint
CREATE INDEX "deals_contacts_idx" ON "deals" USING gin ("contacts" jsonb_path_ops) WHERE deleted_at IS NULL;