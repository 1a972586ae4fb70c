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
CREATE INDEX "feedback_inbox_idx" ON "feedback" USING btree ("workspace_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "feedback_author_idx" ON "feedback" USING btree ("workspace_id","author_id","created_at","id");--> statement-breakpoint
CREATE INDEX "feedback_field_idx" ON "feedback" USING btree ("workspace_id","object","field");--> statement-breakpoint
CREATE INDEX "form_events_object_idx" ON "form_events" USING btree ("workspace_id","object","at");--> statement-breakpoint
CREATE INDEX "kudos_given_idx" ON "kudos" USING btree ("workspace_id","given_at","id");--> statement-breakpoint
CREATE INDEX "kudos_to_idx" ON "kudos" USING btree ("workspace_id","to_user_id","given_at");--> statement-breakpoint
CREATE INDEX "usefulness_responses_at_idx" ON "usefulness_responses" USING btree ("workspace_id","answered_at");