CREATE TABLE "lead_assignment_rules" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"priority" integer NOT NULL,
	"filter" jsonb,
	"user_id" uuid,
	"team_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"turns" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_assignment_rules_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "lead_scoring_rules" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"condition" jsonb,
	"activity" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_scoring_rules_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "lead_assignment_rules_priority_idx" ON "lead_assignment_rules" USING btree ("workspace_id","priority","id");