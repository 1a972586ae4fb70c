CREATE TABLE "email_templates" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"body_format" text DEFAULT 'text' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_templates_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "mail_attachments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"mail_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"declared_type" text,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	CONSTRAINT "mail_attachments_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "mail_messages" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"thread_id" uuid NOT NULL,
	"in_reply_to" text,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text NOT NULL,
	"mailbox_id" uuid,
	"direction" text NOT NULL,
	"from_address" jsonb,
	"to_addresses" jsonb NOT NULL,
	"cc_addresses" jsonb NOT NULL,
	"subject" text,
	"body_text" text,
	"body_html" text,
	"privacy" text NOT NULL,
	"sent_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text NOT NULL,
	"problem" text,
	"activity_id" uuid,
	CONSTRAINT "mail_messages_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "mail_settings" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"inbound_token" text NOT NULL,
	"privacy" text DEFAULT 'body' NOT NULL,
	"smtp_host" text,
	"smtp_port" integer,
	"smtp_secure" boolean DEFAULT false NOT NULL,
	"smtp_user" text,
	"smtp_password" text,
	"from_address" text,
	"from_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_settings_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"secure" boolean NOT NULL,
	"username" text NOT NULL,
	"password" text NOT NULL,
	"folder" text DEFAULT 'INBOX' NOT NULL,
	"privacy" text DEFAULT 'body' NOT NULL,
	"uid_validity" bigint,
	"last_uid" bigint DEFAULT 0 NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"seen" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailboxes_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "mail_attachments" ADD CONSTRAINT "mail_attachments_mail_fk" FOREIGN KEY ("workspace_id","mail_id") REFERENCES "public"."mail_messages"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_templates_name_idx" ON "email_templates" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "mail_attachments_mail_idx" ON "mail_attachments" USING btree ("workspace_id","mail_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_messages_message_id_idx" ON "mail_messages" USING btree ("workspace_id","message_id");--> statement-breakpoint
CREATE INDEX "mail_messages_review_idx" ON "mail_messages" USING btree ("workspace_id","received_at","id") WHERE status = 'review';--> statement-breakpoint
CREATE INDEX "mail_messages_activity_idx" ON "mail_messages" USING btree ("workspace_id","activity_id");--> statement-breakpoint
CREATE INDEX "mail_messages_mailbox_idx" ON "mail_messages" USING btree ("workspace_id","mailbox_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_settings_workspace_idx" ON "mail_settings" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "mail_settings_token_idx" ON "mail_settings" USING btree ("inbound_token");--> statement-breakpoint
CREATE INDEX "mailboxes_user_idx" ON "mailboxes" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE INDEX "mailboxes_success_idx" ON "mailboxes" USING btree ("last_success_at");