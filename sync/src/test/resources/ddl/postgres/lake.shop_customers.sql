CREATE TABLE "public"."shop_customers" (
  "id" integer NOT NULL,
  "name" varchar(50) NULL,
  "vip" smallint NULL,
  PRIMARY KEY ("id")
);
