CREATE TABLE "activity_links" (
	"workspace_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"object" text NOT NULL,
	"record_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	CONSTRAINT "activity_links_pkey" PRIMARY KEY("workspace_id","activity_id","object","record_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"salt" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"activity_id" uuid,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "activities" (
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
	"search_names" text GENERATED ALWAYS AS (lower(trim(coalesce("subject", '')))) STORED,
	"type" text NOT NULL,
	"subject" text,
	"direction" text,
	"channel" text,
	"body" text,
	"body_format" text NOT NULL,
	"occurred_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"duration_minutes" integer,
	"outcome" text,
	"reminder_at" timestamp with time zone,
	"done" boolean NOT NULL,
	"done_at" timestamp with time zone,
	"priority" text,
	"assignee_id" uuid,
	"participants" jsonb,
	"recurrence" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "activities_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "field_settings" ADD COLUMN "on_timeline" boolean;--> statement-breakpoint
ALTER TABLE "activity_links" ADD CONSTRAINT "activity_links_activity_fk" FOREIGN KEY ("workspace_id","activity_id") REFERENCES "public"."activities"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_links_record_idx" ON "activity_links" USING btree ("workspace_id","object","record_id","at","activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_idx" ON "calendar_feeds" USING btree ("workspace_id","token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_idx" ON "notifications" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("workspace_id","user_id","id");--> statement-breakpoint
CREATE INDEX "activities_created_idx" ON "activities" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "activities_updated_idx" ON "activities" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "activities_owner_idx" ON "activities" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "activities_names_trgm_idx" ON "activities" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "activities_search_fts_idx" ON "activities" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "activities_assignee_due_idx" ON "activities" USING btree ("workspace_id","assignee_id","due_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "activities_assignee_occurred_idx" ON "activities" USING btree ("workspace_id","assignee_id","occurred_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "activities_type_occurred_idx" ON "activities" USING btree ("workspace_id","type","occurred_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "activities_links_idx" ON "activities" USING gin ("links" jsonb_path_ops);