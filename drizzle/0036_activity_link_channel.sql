ALTER TABLE "activity_links" ADD COLUMN "channel" text;--> statement-breakpoint
UPDATE "activity_links" l SET "channel" = lower(a."channel") FROM "activities" a
  WHERE a."workspace_id" = l."workspace_id" AND a."id" = l."activity_id" AND a."channel" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "activity_links_channel_idx" ON "activity_links" USING btree ("workspace_id","object","record_id","channel","at","activity_id") WHERE "activity_links"."channel" IS NOT NULL;
