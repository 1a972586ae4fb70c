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
	"owner_id" uuid,
	"day" date NOT NULL,
	"currency" text NOT NULL,
	"net" numeric(18, 2) NOT NULL,
	"cost" numeric(22, 6) NOT NULL,
	CONSTRAINT "order_sums_pkey" PRIMARY KEY("workspace_id","order_id")
);
--> statement-breakpoint
ALTER TABLE "order_sums" ADD CONSTRAINT "order_sums_order_fk" FOREIGN KEY ("workspace_id","order_id") REFERENCES "public"."orders"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_sums_day_idx" ON "order_sums" USING btree ("workspace_id","day");--> statement-breakpoint
-- Orders booked before these tables existed: their sums, and their lines per day and product while they count.
INSERT INTO "order_sums" (workspace_id, order_id, owner_id, day, currency, net, cost)
SELECT l.workspace_id, l.order_id, l.owner_id, (l.booked_at AT TIME ZONE 'UTC')::date, l.currency, sum(l.net),
  sum(l.quantity * coalesce(l.unit_cost, 0))
FROM order_lines l GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO "order_product_days" (workspace_id, day, product_id, currency, net, cost, lines)
SELECT l.workspace_id, (l.booked_at AT TIME ZONE 'UTC')::date, l.product_id, l.currency, sum(l.net),
  sum(l.quantity * coalesce(l.unit_cost, 0)), count(*)
FROM order_lines l JOIN orders o ON o.workspace_id = l.workspace_id AND o.id = l.order_id
WHERE o.deleted_at IS NULL AND o.status <> 'cancelled'
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
ANALYZE "order_sums";
--> statement-breakpoint
ANALYZE "order_product_days";
