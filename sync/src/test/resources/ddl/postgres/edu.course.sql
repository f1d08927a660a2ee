CREATE TABLE "public"."course" (
  "source_db" varchar(64) NOT NULL,
  "source_table" varchar(64) NOT NULL,
  "id" integer NOT NULL,
  "title" varchar(200) NOT NULL,
  "credits" numeric(4, 1) NULL,
  "starts" timestamp(3) NULL,
  PRIMARY KEY ("source_db", "source_table", "id")
);
