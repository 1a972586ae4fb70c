CREATE TABLE "first_touches" (
	"workspace_id" uuid NOT NULL,
	"object" text NOT NULL,
	"record_id" uuid NOT NULL,
	"at" timestamp with time zone,
	"people_at" timestamp with time zone,
	CONSTRAINT "first_touches_pkey" PRIMARY KEY("workspace_id","object","record_id")
);
--> statement-breakpoint
DROP INDEX "orders_deal_idx";--> statement-breakpoint
CREATE INDEX "deals_won_idx" ON "deals" USING btree ("workspace_id","closed_at","id","account_id","owner_id","created_at") WHERE deleted_at IS NULL AND forecast_category = 'closedWon';--> statement-breakpoint
CREATE INDEX "orders_deal_idx" ON "orders" USING btree ("workspace_id","deal_id","booked_at","id","status","paid_at") WHERE deleted_at IS NULL;--> statement-breakpoint
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
