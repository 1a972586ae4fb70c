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
CREATE TABLE "feedback" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"page" text NOT NULL,
	"object" text,
	"field" text,
	"comment" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "form_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"object" text NOT NULL,
	"field" text,
	"kind" text NOT NULL,
	"duration_ms" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_events_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "insights_settings" (
	"workspace_id" uuid NOT NULL,
	"go_live" date,
	"individual_adoption" boolean DEFAULT false NOT NULL,
	"weekly_highlight" boolean DEFAULT false NOT NULL,
	"stage_update_days" integer DEFAULT 14 NOT NULL,
	CONSTRAINT "insights_settings_pkey" PRIMARY KEY("workspace_id")
);
--> statement-breakpoint
CREATE TABLE "kudos" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"practice" text NOT NULL,
	"message" text,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kudos_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "scorecard_tiles" (
	"workspace_id" uuid NOT NULL,
	"measure" text NOT NULL,
	"value" text,
	"data_available" boolean NOT NULL,
	"reason" text,
	"trend" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecard_tiles_pkey" PRIMARY KEY("workspace_id","measure")
);
--> statement-breakpoint
CREATE TABLE "usefulness_responses" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"month" text NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usefulness_responses_pkey" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "usefulness_responses_month_key" UNIQUE("workspace_id","user_id","month")
);
--> statement-breakpoint
CREATE TABLE "dashboards" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"search_names" text GENERATED ALWAYS AS (lower(trim(coalesce("name", '')))) STORED,
	"name" text NOT NULL,
	"default_for_role" text,
	"tiles" jsonb,
	"filters" jsonb,
	CONSTRAINT "dashboards_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "objectives" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"search_names" text GENERATED ALWAYS AS (lower(trim(coalesce("name", '')))) STORED,
	"name" text NOT NULL,
	"measure" text NOT NULL,
	"baseline" numeric NOT NULL,
	"target" numeric NOT NULL,
	"start_date" date,
	"due_date" date NOT NULL,
	CONSTRAINT "objectives_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"search_names" text GENERATED ALWAYS AS (lower(trim(coalesce("name", '')))) STORED,
	"name" text NOT NULL,
	"chart" text,
	"definition" jsonb NOT NULL,
	CONSTRAINT "reports_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
DROP INDEX "deals_board_idx";--> statement-breakpoint
CREATE INDEX "forecast_adjustments_period_idx" ON "forecast_adjustments" USING btree ("workspace_id","period","group_by","key","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "quotas_subject_idx" ON "quotas" USING btree ("workspace_id","period","subject","subject_id");--> statement-breakpoint
CREATE INDEX "feedback_inbox_idx" ON "feedback" USING btree ("workspace_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "feedback_author_idx" ON "feedback" USING btree ("workspace_id","author_id","created_at","id");--> statement-breakpoint
CREATE INDEX "feedback_field_idx" ON "feedback" USING btree ("workspace_id","object","field");--> statement-breakpoint
CREATE INDEX "form_events_object_idx" ON "form_events" USING btree ("workspace_id","object","at");--> statement-breakpoint
CREATE INDEX "kudos_given_idx" ON "kudos" USING btree ("workspace_id","given_at","id");--> statement-breakpoint
CREATE INDEX "kudos_to_idx" ON "kudos" USING btree ("workspace_id","to_user_id","given_at");--> statement-breakpoint
CREATE INDEX "usefulness_responses_at_idx" ON "usefulness_responses" USING btree ("workspace_id","answered_at");--> statement-breakpoint
CREATE INDEX "dashboards_created_idx" ON "dashboards" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "dashboards_updated_idx" ON "dashboards" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "dashboards_owner_idx" ON "dashboards" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "dashboards_bin_idx" ON "dashboards" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "dashboards_names_trgm_idx" ON "dashboards" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "dashboards_search_fts_idx" ON "dashboards" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "objectives_created_idx" ON "objectives" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "objectives_updated_idx" ON "objectives" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "objectives_owner_idx" ON "objectives" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "objectives_bin_idx" ON "objectives" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "objectives_names_trgm_idx" ON "objectives" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "objectives_search_fts_idx" ON "objectives" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "objectives_measure_idx" ON "objectives" USING btree ("workspace_id","measure") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "reports_created_idx" ON "reports" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "reports_updated_idx" ON "reports" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "reports_owner_idx" ON "reports" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "reports_bin_idx" ON "reports" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "reports_names_trgm_idx" ON "reports" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "reports_search_fts_idx" ON "reports" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "deal_stage_history_open_idx" ON "deal_stage_history" USING btree ("workspace_id","deal_id","pipeline_id","stage_id","entered_at") WHERE "deal_stage_history"."left_at" IS NULL;--> statement-breakpoint
CREATE INDEX "deals_forecast_idx" ON "deals" USING btree ("workspace_id","close_date","owner_id","currency","forecast_category","amount","weighted_amount") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_closed_at_idx" ON "deals" USING btree ("workspace_id","closed_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_board_idx" ON "deals" USING btree ("workspace_id","pipeline_id","stage_id","owner_id","currency","close_date","amount","weighted_amount") WHERE deleted_at IS NULL;