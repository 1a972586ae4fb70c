CREATE TABLE "field_settings" (
	"workspace_id" uuid NOT NULL,
	"object" text NOT NULL,
	"field" text NOT NULL,
	"access" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"options" jsonb,
	CONSTRAINT "field_settings_pkey" PRIMARY KEY("workspace_id","object","field")
);
