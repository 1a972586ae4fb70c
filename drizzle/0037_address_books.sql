CREATE TABLE "address_book_card_names" (
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "address_book_card_names_pkey" PRIMARY KEY("workspace_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "address_book_settings" (
	"workspace_id" uuid NOT NULL,
	"two_way" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "address_book_settings_pkey" PRIMARY KEY("workspace_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "address_book_card_names_name_idx" ON "address_book_card_names" USING btree ("workspace_id","name");