CREATE TABLE "calendar_connections" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"url" text NOT NULL,
	"username" text NOT NULL,
	"password" text NOT NULL,
	"calendar_url" text,
	"calendar_name" text,
	"sync_token" text,
	"ctag" text,
	"last_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"log" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"seen" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"pushed" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_connections_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "calendar_events" (
	"workspace_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"href" text NOT NULL,
	"uid" text NOT NULL,
	"etag" text,
	"activity_id" uuid NOT NULL,
	"synced_version" integer NOT NULL,
	"location" text,
	"kept_rule" text,
	"all_day" boolean DEFAULT false NOT NULL,
	CONSTRAINT "calendar_events_pkey" PRIMARY KEY("workspace_id","connection_id","href")
);
--> statement-breakpoint
ALTER TABLE "calendar_events" ADD CONSTRAINT "calendar_events_connection_fk" FOREIGN KEY ("workspace_id","connection_id") REFERENCES "public"."calendar_connections"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_connections_user_idx" ON "calendar_connections" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_events_activity_idx" ON "calendar_events" USING btree ("workspace_id","activity_id","connection_id");