-- FlinkX quickstart: nothing to install. An embedded H2 database stands in for your database.
--   1. datagen writes 200,000 orders into the table `orders` through flinkx-jdbc;
--   2. a checkpointed, parallel flinkx-jdbc -> flinkx-jdbc sync copies them into `orders_copy`
--      (split on the primary key, read position kept in every checkpoint);
--   3. the counts are checked.

SET 'parallelism.default' = '2';
SET 'execution.checkpointing.interval' = '1s';

CREATE TABLE generated_orders (
  id BIGINT,
  customer STRING,
  amount DECIMAL(10, 2),
  created TIMESTAMP(3)
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '200000',
  'rows-per-second' = '1000000', -- datagen's default is 10,000 rows/s
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '200000',
  'fields.customer.length' = '12',
  'fields.amount.min' = '1', 'fields.amount.max' = '1000'
);

-- H2 creates both tables when the first connection opens (INIT); the database lives in this JVM.
-- DATABASE_TO_LOWER: flinkx-jdbc quotes names ("orders"), which H2 would otherwise store as ORDERS.
CREATE TABLE orders (
  id BIGINT,
  customer STRING,
  amount DECIMAL(10, 2),
  created TIMESTAMP(3),
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'flinkx-jdbc',
  'url' = 'jdbc:h2:mem:quickstart;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE;INIT=CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, customer VARCHAR(32), amount DECIMAL(10,2), created TIMESTAMP(3))\;CREATE TABLE IF NOT EXISTS orders_copy (id BIGINT, customer VARCHAR(32), amount DECIMAL(10,2), created TIMESTAMP(3))',
  'driver' = 'org.h2.Driver',
  'table-name' = 'orders',
  'sink.write-mode' = 'insert'
);

CREATE TABLE orders_copy (
  id BIGINT,
  customer STRING,
  amount DECIMAL(10, 2),
  created TIMESTAMP(3)
) WITH (
  'connector' = 'flinkx-jdbc',
  'url' = 'jdbc:h2:mem:quickstart;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE',
  'driver' = 'org.h2.Driver',
  'table-name' = 'orders_copy'
);

INSERT INTO orders SELECT * FROM generated_orders;

INSERT INTO orders_copy SELECT * FROM orders;

-- expect: 200000
SELECT COUNT(*) FROM orders_copy;

-- expect: 200000
SELECT COUNT(DISTINCT id) FROM orders_copy;
