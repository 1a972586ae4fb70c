ALTER TABLE "contacts" ADD COLUMN "email_bounced_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contacts_bounced_idx" ON "contacts" USING btree ("workspace_id","email_bounced_at","id") WHERE deleted_at IS NULL AND email_bounced_at IS NOT NULL;--> statement-breakpoint
-- Contacts whose current address already bounced: the latest bounce of that address.
UPDATE contacts c SET email_bounced_at = b.at
FROM (SELECT workspace_id, contact_id, address, max(at) AS at FROM email_bounces GROUP BY 1, 2, 3) b
WHERE b.workspace_id = c.workspace_id AND b.contact_id = c.id AND b.address = lower(c.email);
