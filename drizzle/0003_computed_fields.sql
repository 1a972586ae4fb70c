ALTER TABLE "field_definitions" ADD COLUMN "expression" text;--> statement-breakpoint
ALTER TABLE "field_definitions" ADD COLUMN "rollup" jsonb;