CREATE TABLE "consents" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "consents_pkey" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "consents_channel_check" CHECK (channel IN ('email', 'phone', 'sms', 'post', 'messaging')),
	CONSTRAINT "consents_status_check" CHECK (status IN ('granted', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "privacy_audit" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"contact_id" uuid,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "privacy_audit_pkey" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "privacy_audit_action_check" CHECK (action IN ('consent', 'export', 'erase', 'retention'))
);
--> statement-breakpoint
CREATE TABLE "privacy_settings" (
	"workspace_id" uuid NOT NULL,
	"retention_years" integer,
	"retention_action" text DEFAULT 'flag' NOT NULL,
	CONSTRAINT "privacy_settings_pkey" PRIMARY KEY("workspace_id")
);
--> statement-breakpoint
CREATE TABLE "retention_flags" (
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"flagged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_flags_pkey" PRIMARY KEY("workspace_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_flags" ADD CONSTRAINT "retention_flags_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_contact_idx" ON "consents" USING btree ("workspace_id","contact_id","id");--> statement-breakpoint
CREATE INDEX "privacy_audit_contact_idx" ON "privacy_audit" USING btree ("workspace_id","contact_id","action");