CREATE TABLE "sso_settings" (
	"workspace_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text,
	"allowed_domains" text[] DEFAULT '{}' NOT NULL,
	"create_users" boolean DEFAULT false NOT NULL,
	"default_role" text DEFAULT 'rep' NOT NULL,
	"require_sso" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sso_settings_pkey" PRIMARY KEY("workspace_id")
);
--> statement-breakpoint
ALTER TABLE "sso_settings" ADD CONSTRAINT "sso_settings_workspace_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;