ALTER TABLE "field_definitions" ADD COLUMN "help" text;--> statement-breakpoint
ALTER TABLE "field_definitions" ADD COLUMN "example" text;--> statement-breakpoint
ALTER TABLE "field_definitions" ADD COLUMN "on_timeline" boolean DEFAULT true NOT NULL;