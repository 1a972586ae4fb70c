CREATE TABLE "deal_stage_history" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "deal_stage_history_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"currency" text NOT NULL,
	"base_currency" text NOT NULL,
	"rate" numeric(24, 10) NOT NULL,
	"valid_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "exchange_rates_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "deals" (
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
	"account_id" uuid,
	"contacts" jsonb,
	"amount" numeric(18, 2),
	"currency" text,
	"weighted_amount" numeric(18, 2),
	"close_date" date,
	"pipeline_id" uuid,
	"stage_id" uuid,
	"probability" integer,
	"forecast_category" text,
	"checklist" jsonb,
	"next_step" text,
	"source" text,
	"campaign" text,
	"competitors" text[] DEFAULT '{}'::text[] NOT NULL,
	"lost_reason" text,
	"won_reason" text,
	"closed_at" timestamp with time zone,
	CONSTRAINT "deals_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "pipelines" (
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
	"enforce_criteria" boolean NOT NULL,
	"is_default" boolean NOT NULL,
	"stages" jsonb NOT NULL,
	"lost_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"stale_after_days" integer,
	CONSTRAINT "pipelines_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "lead_source" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "lead_status" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "disqualified_reason" text;--> statement-breakpoint
ALTER TABLE "deal_stage_history" ADD CONSTRAINT "deal_stage_history_deal_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."deals"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_account_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_pipeline_fk" FOREIGN KEY ("workspace_id","pipeline_id") REFERENCES "public"."pipelines"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_stage_history_deal_idx" ON "deal_stage_history" USING btree ("workspace_id","deal_id","entered_at");--> statement-breakpoint
CREATE INDEX "deal_stage_history_stage_idx" ON "deal_stage_history" USING btree ("workspace_id","pipeline_id","stage_id","entered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_rates_day_idx" ON "exchange_rates" USING btree ("workspace_id","currency","base_currency","valid_from");--> statement-breakpoint
CREATE INDEX "deals_created_idx" ON "deals" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_updated_idx" ON "deals" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_owner_idx" ON "deals" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_names_trgm_idx" ON "deals" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "deals_search_fts_idx" ON "deals" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "deals_board_idx" ON "deals" USING btree ("workspace_id","pipeline_id","stage_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_owner_close_idx" ON "deals" USING btree ("workspace_id","owner_id","close_date") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_close_idx" ON "deals" USING btree ("workspace_id","close_date","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_account_idx" ON "deals" USING btree ("workspace_id","account_id","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_name_idx" ON "deals" USING btree ("workspace_id","name","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "pipelines_created_idx" ON "pipelines" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "pipelines_updated_idx" ON "pipelines" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "pipelines_owner_idx" ON "pipelines" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "pipelines_names_trgm_idx" ON "pipelines" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "pipelines_search_fts_idx" ON "pipelines" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "pipelines_default_idx" ON "pipelines" USING btree ("workspace_id","is_default") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_lead_queue_idx" ON "contacts" USING btree ("workspace_id","owner_id","lead_status","created_at") WHERE deleted_at IS NULL;