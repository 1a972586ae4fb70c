DROP INDEX "deals_board_idx";--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "amount_in_base" numeric(18, 2);--> statement-breakpoint
UPDATE "deals" d SET "amount_in_base" = round(d.amount * (CASE WHEN d.currency = w.base_currency THEN 1 ELSE (
  SELECT x.rate FROM exchange_rates x
  WHERE x.workspace_id = d.workspace_id AND x.currency = d.currency AND x.base_currency = w.base_currency
    AND x.valid_from <= coalesce(d.close_date, current_date)
  ORDER BY x.valid_from DESC LIMIT 1) END), 2)
FROM workspaces w WHERE w.id = d.workspace_id AND d.amount IS NOT NULL;--> statement-breakpoint
CREATE INDEX "deals_board_idx" ON "deals" USING btree ("workspace_id","pipeline_id","stage_id","owner_id","close_date","amount","amount_in_base","probability") WHERE deleted_at IS NULL;
