CREATE TABLE "first_touches" (
	"workspace_id" uuid NOT NULL,
	"object" text NOT NULL,
	"record_id" uuid NOT NULL,
	"at" timestamp with time zone,
	"people_at" timestamp with time zone,
	CONSTRAINT "first_touches_pkey" PRIMARY KEY("workspace_id","object","record_id")
);
--> statement-breakpoint
CREATE TABLE "order_product_days" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"product_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"net" numeric(18, 2) NOT NULL,
	"cost" numeric(22, 6) NOT NULL,
	"lines" integer NOT NULL,
	CONSTRAINT "order_product_days_pkey" PRIMARY KEY("workspace_id","day","product_id","currency")
);
--> statement-breakpoint
CREATE TABLE "order_sums" (
	"workspace_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"deal_id" uuid,
	"account_id" uuid,
	"counts" boolean NOT NULL,
	"owner_id" uuid,
	"day" date NOT NULL,
	"currency" text NOT NULL,
	"net" numeric(18, 2) NOT NULL,
	"cost" numeric(22, 6) NOT NULL,
	CONSTRAINT "order_sums_pkey" PRIMARY KEY("workspace_id","order_id")
);
--> statement-breakpoint
DROP INDEX "orders_deal_idx";--> statement-breakpoint
ALTER TABLE "order_sums" ADD CONSTRAINT "order_sums_order_fk" FOREIGN KEY ("workspace_id","order_id") REFERENCES "public"."orders"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_sums_day_idx" ON "order_sums" USING btree ("workspace_id","day") WHERE counts;--> statement-breakpoint
CREATE INDEX "order_sums_account_idx" ON "order_sums" USING btree ("workspace_id","account_id","day") WHERE counts;--> statement-breakpoint
CREATE INDEX "deals_won_idx" ON "deals" USING btree ("workspace_id","closed_at","id","account_id","owner_id","created_at") WHERE deleted_at IS NULL AND forecast_category = 'closedWon';--> statement-breakpoint
CREATE INDEX "orders_deal_idx" ON "orders" USING btree ("workspace_id","deal_id","booked_at","id","status","paid_at") WHERE deleted_at IS NULL;--> statement-breakpoint
-- Orders booked before these tables existed: their sums, and their lines per day and product while they count.
INSERT INTO "order_sums" (workspace_id, order_id, deal_id, account_id, counts, owner_id, day, currency, net, cost)
SELECT l.workspace_id, l.order_id, o.deal_id, o.account_id, (o.deleted_at IS NULL AND o.status <> 'cancelled'),
  l.owner_id, (l.booked_at AT TIME ZONE 'UTC')::date, l.currency, sum(l.net), sum(l.quantity * coalesce(l.unit_cost, 0))
FROM order_lines l JOIN orders o ON o.workspace_id = l.workspace_id AND o.id = l.order_id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
--> statement-breakpoint
INSERT INTO "order_product_days" (workspace_id, day, product_id, currency, net, cost, lines)
SELECT l.workspace_id, (l.booked_at AT TIME ZONE 'UTC')::date, l.product_id, l.currency, sum(l.net),
  sum(l.quantity * coalesce(l.unit_cost, 0)), count(*)
FROM order_lines l JOIN orders o ON o.workspace_id = l.workspace_id AND o.id = l.order_id
WHERE o.deleted_at IS NULL AND o.status <> 'cancelled'
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
-- Every record's first touch so far: its earliest activity link or lifecycle change.
INSERT INTO "first_touches" (workspace_id, object, record_id, at)
SELECT workspace_id, object, record_id, min(at) FROM (
  SELECT workspace_id, object, record_id, at FROM activity_links WHERE object IN ('accounts', 'contacts', 'deals')
  UNION ALL
  SELECT workspace_id, object, record_id, at FROM record_history h
    WHERE object IN ('accounts', 'contacts') AND h.changes @> '[{"field": "lifecycleStage"}]'::jsonb) s
GROUP BY 1, 2, 3;
--> statement-breakpoint
-- An account's people are its live contacts; a live deal's, the contacts it names.
INSERT INTO "first_touches" (workspace_id, object, record_id, people_at)
SELECT c.workspace_id, 'accounts', c.account_id, min(f.at) FROM contacts c JOIN first_touches f
  ON f.workspace_id = c.workspace_id AND f.object = 'contacts' AND f.record_id = c.id
WHERE c.account_id IS NOT NULL AND c.deleted_at IS NULL
GROUP BY 1, 3
ON CONFLICT (workspace_id, object, record_id) DO UPDATE SET people_at = excluded.people_at;
--> statement-breakpoint
INSERT INTO "first_touches" (workspace_id, object, record_id, people_at)
SELECT d.workspace_id, 'deals', d.id, min(f.at) FROM deals d CROSS JOIN LATERAL jsonb_array_elements(d.contacts) dc
  JOIN first_touches f ON f.workspace_id = d.workspace_id AND f.object = 'contacts' AND f.record_id = (dc->>'contactId')::uuid
WHERE d.deleted_at IS NULL AND jsonb_typeof(d.contacts) = 'array'
GROUP BY 1, 3
ON CONFLICT (workspace_id, object, record_id) DO UPDATE SET people_at = excluded.people_at;
--> statement-breakpoint
UPDATE "first_touches" SET people_at = least(at, people_at) WHERE object IN ('accounts', 'deals');
--> statement-breakpoint
ANALYZE "first_touches";
--> statement-breakpoint
ANALYZE "order_sums";
--> statement-breakpoint
ANALYZE "order_product_days";
