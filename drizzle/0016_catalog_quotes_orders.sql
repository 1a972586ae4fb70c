CREATE TABLE "order_lines" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"deal_id" uuid,
	"account_id" uuid,
	"owner_id" uuid,
	"quantity" numeric(18, 4) NOT NULL,
	"net" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"unit_cost" numeric(18, 2),
	"booked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_lines_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "order_notifications" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"account_id" uuid,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "order_notifications_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "order_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"notify_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "price_books" (
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
	"search_names" text GENERATED ALWAYS AS (lower(trim(coalesce("name", '')))) STORED,
	"name" text NOT NULL,
	"currency" text NOT NULL,
	"segment" text,
	"is_standard" boolean NOT NULL,
	"active" boolean NOT NULL,
	"entries" jsonb NOT NULL,
	CONSTRAINT "price_books_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "products" (
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
	"search_names" text GENERATED ALWAYS AS (lower(trim(coalesce("name", '')))) STORED,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"family" text,
	"unit" text,
	"active" boolean NOT NULL,
	"cost_price" numeric(18, 2),
	"tax_category" text,
	CONSTRAINT "products_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "orders" (
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
	"quote_id" uuid,
	"account_id" uuid,
	"deal_id" uuid,
	"status" text NOT NULL,
	"total" numeric(18, 2),
	"currency" text,
	"payments" jsonb NOT NULL,
	"paid_total" numeric(18, 2),
	"booked_at" timestamp with time zone,
	"provisioning_at" timestamp with time zone,
	"fulfilled_at" timestamp with time zone,
	"invoiced_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "orders_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "deal_line_items" (
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
	"search_names" text GENERATED ALWAYS AS ('') STORED,
	"deal_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"description" text,
	"quantity" numeric(18, 4),
	"unit_price" numeric(18, 2),
	"discount_percent" numeric(7, 4),
	"net" numeric(18, 2),
	CONSTRAINT "deal_line_items_pkey" PRIMARY KEY("workspace_id","id")
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
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_fk" FOREIGN KEY ("workspace_id","order_id") REFERENCES "public"."orders"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_notifications" ADD CONSTRAINT "order_notifications_order_fk" FOREIGN KEY ("workspace_id","order_id") REFERENCES "public"."orders"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_approvals" ADD CONSTRAINT "quote_approvals_quote_fk" FOREIGN KEY ("workspace_id","quote_id") REFERENCES "public"."quotes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_links" ADD CONSTRAINT "quote_links_quote_fk" FOREIGN KEY ("workspace_id","quote_id") REFERENCES "public"."quotes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_quote_fk" FOREIGN KEY ("workspace_id","quote_id") REFERENCES "public"."quotes"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_line_items" ADD CONSTRAINT "deal_line_items_deal_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."deals"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_line_items" ADD CONSTRAINT "deal_line_items_product_fk" FOREIGN KEY ("workspace_id","product_id") REFERENCES "public"."products"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_deal_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."deals"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_price_book_fk" FOREIGN KEY ("workspace_id","price_book_id") REFERENCES "public"."price_books"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_lines_order_idx" ON "order_lines" USING btree ("workspace_id","order_id");--> statement-breakpoint
CREATE INDEX "order_lines_booked_idx" ON "order_lines" USING btree ("workspace_id","booked_at");--> statement-breakpoint
CREATE INDEX "order_lines_product_idx" ON "order_lines" USING btree ("workspace_id","product_id","booked_at");--> statement-breakpoint
CREATE INDEX "order_notifications_user_idx" ON "order_notifications" USING btree ("workspace_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "quote_approvals_quote_idx" ON "quote_approvals" USING btree ("workspace_id","quote_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "quote_links_token_ws_idx" ON "quote_links" USING btree ("workspace_id","token_hash");--> statement-breakpoint
CREATE INDEX "quote_links_token_idx" ON "quote_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "price_books_created_idx" ON "price_books" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "price_books_updated_idx" ON "price_books" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "price_books_owner_idx" ON "price_books" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "price_books_bin_idx" ON "price_books" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "price_books_names_trgm_idx" ON "price_books" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "price_books_search_fts_idx" ON "price_books" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "price_books_standard_idx" ON "price_books" USING btree ("workspace_id","currency") WHERE is_standard AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "products_created_idx" ON "products" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "products_updated_idx" ON "products" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "products_owner_idx" ON "products" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "products_bin_idx" ON "products" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "products_names_trgm_idx" ON "products" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "products_search_fts_idx" ON "products" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "products_sku_idx" ON "products" USING btree ("workspace_id","sku") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "products_family_idx" ON "products" USING btree ("workspace_id","family","name","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_updated_idx" ON "orders" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_owner_idx" ON "orders" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_bin_idx" ON "orders" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "orders_names_trgm_idx" ON "orders" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "orders_search_fts_idx" ON "orders" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_quote_idx" ON "orders" USING btree ("workspace_id","quote_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("workspace_id","status","booked_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_account_idx" ON "orders" USING btree ("workspace_id","account_id","booked_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_booked_idx" ON "orders" USING btree ("workspace_id","booked_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deal_line_items_created_idx" ON "deal_line_items" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deal_line_items_updated_idx" ON "deal_line_items" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deal_line_items_owner_idx" ON "deal_line_items" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deal_line_items_bin_idx" ON "deal_line_items" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "deal_line_items_names_trgm_idx" ON "deal_line_items" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "deal_line_items_search_fts_idx" ON "deal_line_items" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "deal_line_items_deal_idx" ON "deal_line_items" USING btree ("workspace_id","deal_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_created_idx" ON "quotes" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_updated_idx" ON "quotes" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_owner_idx" ON "quotes" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_bin_idx" ON "quotes" USING btree ("workspace_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "quotes_names_trgm_idx" ON "quotes" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "quotes_search_fts_idx" ON "quotes" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_number_idx" ON "quotes" USING btree ("workspace_id","number","revision") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_deal_idx" ON "quotes" USING btree ("workspace_id","deal_id","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_status_idx" ON "quotes" USING btree ("workspace_id","status","updated_at") WHERE deleted_at IS NULL;