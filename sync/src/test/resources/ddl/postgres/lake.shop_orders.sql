CREATE TABLE "public"."shop_orders" (
  "total" numeric(12, 2) NOT NULL,
  "order_id" numeric(20, 0) NOT NULL,
  "customer" varchar(40) NULL,
  "note" text NULL,
  "placed" timestamptz(3) NULL,
  PRIMARY KEY ("order_id")
);
