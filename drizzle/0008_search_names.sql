DROP INDEX "custom_records_search_trgm_idx";--> statement-breakpoint
DROP INDEX "accounts_search_trgm_idx";--> statement-breakpoint
DROP INDEX "contacts_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "custom_records" ADD COLUMN "search_names" text GENERATED ALWAYS AS (lower(trim(coalesce("name", '')))) STORED;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "search_names" text GENERATED ALWAYS AS (lower(trim(coalesce("name", '')))) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_names" text GENERATED ALWAYS AS (lower(trim(coalesce("first_name", '') || ' ' || coalesce("last_name", '')))) STORED;--> statement-breakpoint
CREATE INDEX "custom_records_names_trgm_idx" ON "custom_records" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "accounts_names_trgm_idx" ON "accounts" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "contacts_names_trgm_idx" ON "contacts" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);