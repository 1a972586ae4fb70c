CREATE INDEX "custom_records_bin_idx" ON "custom_records" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "accounts_bin_idx" ON "accounts" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "contacts_bin_idx" ON "contacts" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "deals_bin_idx" ON "deals" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "pipelines_bin_idx" ON "pipelines" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;