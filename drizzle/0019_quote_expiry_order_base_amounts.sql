ALTER TABLE "orders" ADD COLUMN "revenue_in_base" numeric(18, 2);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "margin_in_base" numeric(18, 2);--> statement-breakpoint
CREATE INDEX "orders_deal_idx" ON "orders" USING btree ("workspace_id","deal_id","booked_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_expiry_idx" ON "quotes" USING btree ("workspace_id","valid_until") WHERE deleted_at IS NULL AND status = 'sent';--> statement-breakpoint
-- Orders booked before: their revenue and margin in base currency, at the rate of their booking day.
UPDATE "orders" o SET "revenue_in_base" = b.revenue, "margin_in_base" = b.revenue - b.cost
FROM (
  SELECT o2.workspace_id, o2.id,
    round(coalesce(sum(l.net), 0) * (CASE WHEN o2.currency = w.base_currency THEN 1 ELSE (
      SELECT x.rate FROM exchange_rates x WHERE x.workspace_id = o2.workspace_id AND x.currency = o2.currency
        AND x.base_currency = w.base_currency AND x.valid_from <= o2.booked_at::date
      ORDER BY x.valid_from DESC LIMIT 1) END), 2) AS revenue,
    coalesce(sum(l.quantity * coalesce(l.unit_cost, 0)), 0) AS cost
  FROM orders o2 JOIN workspaces w ON w.id = o2.workspace_id
    LEFT JOIN order_lines l ON l.workspace_id = o2.workspace_id AND l.order_id = o2.id
  GROUP BY o2.workspace_id, o2.id, o2.currency, o2.booked_at, w.base_currency
) b
WHERE o.workspace_id = b.workspace_id AND o.id = b.id;
