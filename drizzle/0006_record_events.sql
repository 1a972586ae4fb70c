CREATE TABLE "record_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"object" text NOT NULL,
	"record_id" uuid NOT NULL,
	"type" text NOT NULL,
	"fields" text[] NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"user_id" uuid,
	"source" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	CONSTRAINT "record_events_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "record_events_pending_idx" ON "record_events" USING btree ("workspace_id","id") WHERE dispatched_at IS NULL;