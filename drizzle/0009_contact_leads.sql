ALTER TABLE "contacts" ADD COLUMN "lead_source" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "lead_status" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "disqualified_reason" text;--> statement-breakpoint
CREATE INDEX "contacts_lead_queue_idx" ON "contacts" USING btree ("workspace_id","owner_id","lead_status","created_at") WHERE deleted_at IS NULL;