CREATE TABLE "forecast_adjustments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"period" text NOT NULL,
	"group_by" text NOT NULL,
	"key" text NOT NULL,
	"category" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_adjustments_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "forecast_settings" (
	"workspace_id" uuid NOT NULL,
	"fiscal_year_start_month" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_settings_pkey" PRIMARY KEY("workspace_id"),
	CONSTRAINT "forecast_settings_month_check" CHECK ("forecast_settings"."fiscal_year_start_month" BETWEEN 1 AND 12)
);
--> statement-breakpoint
CREATE TABLE "forecast_snapshots" (
	"workspace_id" uuid NOT NULL,
	"week" date NOT NULL,
	"period" text NOT NULL,
	"group_by" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"quota" numeric(18, 2),
	"closed_won" numeric(18, 2) NOT NULL,
	"commit" numeric(18, 2) NOT NULL,
	"best_case" numeric(18, 2) NOT NULL,
	"pipeline" numeric(18, 2) NOT NULL,
	"weighted" numeric(18, 2) NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_snapshots_pkey" PRIMARY KEY("workspace_id","period","group_by","week","key")
);
--> statement-breakpoint
CREATE TABLE "quotas" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"period" text NOT NULL,
	"subject" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "quotas_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
DROP INDEX "deals_board_idx";--> statement-breakpoint
CREATE INDEX "forecast_adjustments_period_idx" ON "forecast_adjustments" USING btree ("workspace_id","period","group_by","key","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "quotas_subject_idx" ON "quotas" USING btree ("workspace_id","period","subject","subject_id");--> statement-breakpoint
CREATE INDEX "deal_stage_history_open_idx" ON "deal_stage_history" USING btree ("workspace_id","deal_id","pipeline_id","stage_id","entered_at") WHERE "deal_stage_history"."left_at" IS NULL;--> statement-breakpoint
CREATE INDEX "deals_forecast_idx" ON "deals" USING btree ("workspace_id","close_date","owner_id","currency","forecast_category","amount","weighted_amount") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_closed_at_idx" ON "deals" USING btree ("workspace_id","closed_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_board_idx" ON "deals" USING btree ("workspace_id","pipeline_id","stage_id","owner_id","currency","close_date","amount","weighted_amount") WHERE deleted_at IS NULL;