CREATE TABLE "quote_approvals" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"comment" text,
	"max_discount_percent" numeric(9, 4) NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quote_approvals_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "quote_counters" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quote_links" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "quote_links_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "quote_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"approval_discount_percent" numeric(7, 4),
	"tax_rates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"company_name" text,
	"company_address" text,
	"terms" text,
	"validity_days" integer DEFAULT 30 NOT NULL,
	"logo_base64" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"search_names" text GENERATED ALWAYS AS (lower(trim(coalesce("title", '')))) STORED,
	"title" text,
	"deal_id" uuid,
	"account_id" uuid,
	"price_book_id" uuid,
	"number" integer,
	"revision" integer,
	"previous_id" uuid,
	"status" text NOT NULL,
	"currency" text,
	"valid_until" date,
	"terms" text,
	"lines" jsonb NOT NULL,
	"overall_discount_percent" numeric(7, 4),
	"subtotal" numeric(18, 2),
	"discount_total" numeric(18, 2),
	"tax_total" numeric(18, 2),
	"total" numeric(18, 2),
	"approval_comment" text,
	"sent_at" timestamp with time zone,
	"accepted_by_name" text,
	"accepted_at" timestamp with time zone,
	"accepted_ip" text,
	"declined_by_name" text,
	"declined_at" timestamp with time zone,
	CONSTRAINT "quotes_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "quote_approvals" ADD CONSTRAINT "quote_approvals_quote_fk" FOREIGN KEY ("workspace_id","quote_id") REFERENCES "public"."quotes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_links" ADD CONSTRAINT "quote_links_quote_fk" FOREIGN KEY ("workspace_id","quote_id") REFERENCES "public"."quotes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_deal_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."deals"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_price_book_fk" FOREIGN KEY ("workspace_id","price_book_id") REFERENCES "public"."price_books"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quote_approvals_quote_idx" ON "quote_approvals" USING btree ("workspace_id","quote_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "quote_links_token_ws_idx" ON "quote_links" USING btree ("workspace_id","token_hash");--> statement-breakpoint
CREATE INDEX "quote_links_token_idx" ON "quote_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "quotes_created_idx" ON "quotes" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_updated_idx" ON "quotes" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_owner_idx" ON "quotes" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_names_trgm_idx" ON "quotes" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "quotes_search_fts_idx" ON "quotes" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_number_idx" ON "quotes" USING btree ("workspace_id","number","revision") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_deal_idx" ON "quotes" USING btree ("workspace_id","deal_id","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_status_idx" ON "quotes" USING btree ("workspace_id","status","updated_at") WHERE deleted_at IS NULL;