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
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_fk" FOREIGN KEY ("workspace_id","order_id") REFERENCES "public"."orders"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_notifications" ADD CONSTRAINT "order_notifications_order_fk" FOREIGN KEY ("workspace_id","order_id") REFERENCES "public"."orders"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_quote_fk" FOREIGN KEY ("workspace_id","quote_id") REFERENCES "public"."quotes"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_lines_order_idx" ON "order_lines" USING btree ("workspace_id","order_id");--> statement-breakpoint
CREATE INDEX "order_lines_booked_idx" ON "order_lines" USING btree ("workspace_id","booked_at");--> statement-breakpoint
CREATE INDEX "order_lines_product_idx" ON "order_lines" USING btree ("workspace_id","product_id","booked_at");--> statement-breakpoint
CREATE INDEX "order_notifications_user_idx" ON "order_notifications" USING btree ("workspace_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("workspace_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_updated_idx" ON "orders" USING btree ("workspace_id","updated_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_owner_idx" ON "orders" USING btree ("workspace_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_names_trgm_idx" ON "orders" USING gin ("search_names" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "orders_search_fts_idx" ON "orders" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_quote_idx" ON "orders" USING btree ("workspace_id","quote_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("workspace_id","status","booked_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_account_idx" ON "orders" USING btree ("workspace_id","account_id","booked_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orders_booked_idx" ON "orders" USING btree ("workspace_id","booked_at","id") WHERE deleted_at IS NULL;