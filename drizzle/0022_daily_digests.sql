CREATE TABLE "daily_digests" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"time_zone" text NOT NULL,
	"hour" integer DEFAULT 7 NOT NULL,
	"last_sent_on" date,
	CONSTRAINT "daily_digests_pkey" PRIMARY KEY("workspace_id","user_id")
);
