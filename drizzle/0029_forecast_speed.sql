CREATE TABLE "deal_board_sums" (
	"workspace_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"deals" integer NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"weighted" numeric(20, 2) NOT NULL,
	"unconverted" integer NOT NULL,
	CONSTRAINT "deal_board_sums_pkey" PRIMARY KEY("workspace_id","pipeline_id","stage_id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "deal_close_versions" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forecast_histograms" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"close_version" integer NOT NULL,
	"stages" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_histograms_pkey" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
DROP INDEX "deals_closed_at_idx";--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "stage_entered_at" timestamp with time zone;--> statement-breakpoint
UPDATE "deals" d SET "stage_entered_at" = h.entered_at FROM "deal_stage_history" h
WHERE h.workspace_id = d.workspace_id AND h.deal_id = d.id AND h.left_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_open_idx" ON "deals" USING btree ("workspace_id","pipeline_id","stage_id","stage_entered_at","currency","amount","owner_id") WHERE deleted_at IS NULL AND closed_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_closed_at_idx" ON "deals" USING btree ("workspace_id","closed_at","forecast_category","currency","amount","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
INSERT INTO "deal_board_sums" (workspace_id, pipeline_id, stage_id, owner_id, deals, amount, weighted, unconverted)
SELECT workspace_id, pipeline_id, stage_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid), count(*),
  coalesce(sum(amount_in_base), 0), coalesce(sum(round(amount_in_base * probability / 100, 2)), 0),
  count(amount) - count(amount_in_base)
FROM "deals" WHERE deleted_at IS NULL
GROUP BY 1, 2, 3, 4;
