-- FlinkX quickstart: the classic FlinkX job, "database table -> HDFS", with nothing to install.
-- An embedded H2 database stands in for your database and a local directory for HDFS
-- (${quickstart.dir} is launcher/target/quickstart; use an hdfs:// path on a cluster).
--   1. datagen writes 200,000 orders into the H2 table `orders` through flinkx-jdbc;
--   2. a checkpointed, parallel flinkx-jdbc -> flinkx-hdfs sync writes them as Snappy-compressed
--      Parquet files, partitioned by day (read positions and unpublished files are kept in every
--      checkpoint: a failed run resumes and publishes every row exactly once);
--   3. flinkx-hdfs reads the Parquet files back and the counts are checked.

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
  'fields.amount.min' = '1', 'fields.amount.max' = '1000',
  'fields.created.max-past' = '3 d'
);

-- H2 creates the table when the first connection opens (INIT); the database lives in this JVM.
-- DATABASE_TO_LOWER: flinkx-jdbc quotes names ("orders"), which H2 would otherwise store as ORDERS.
CREATE TABLE orders (
  id BIGINT,
  customer STRING,
  amount DECIMAL(10, 2),
  created TIMESTAMP(3),
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'flinkx-jdbc',
  'url' = 'jdbc:h2:mem:quickstart;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE;INIT=CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, customer VARCHAR(32), amount DECIMAL(10,2), created TIMESTAMP(3))',
  'driver' = 'org.h2.Driver',
  'table-name' = 'orders',
  'sink.write-mode' = 'insert'
);

-- Parquet files under <quickstart.dir>/orders/dt=yyyy-MM-dd/; 'overwrite' replaces the files of an
-- earlier run once the new ones are published.
CREATE TABLE orders_lake (
  id BIGINT,
  customer STRING,
  amount DECIMAL(10, 2),
  created TIMESTAMP(3),
  dt STRING
) PARTITIONED BY (dt) WITH (
  'connector' = 'flinkx-hdfs',
  'path' = '${quickstart.dir}/orders',
  'format' = 'parquet',
  'compression' = 'snappy',
  'sink.write-mode' = 'overwrite',
  'sink.success-file' = 'true'
);

INSERT INTO orders SELECT * FROM generated_orders;

-- Reader and writer run chained in one task here: the summary's row count is then the last sample
-- of the metrics ("last sample"), which Flink takes each second; the checks below count the files.
INSERT INTO orders_lake SELECT *, DATE_FORMAT(created, 'yyyy-MM-dd') FROM orders;

-- expect: 200000
SELECT COUNT(*) FROM orders_lake;

-- expect: 200000
SELECT COUNT(DISTINCT id) FROM orders_lake;

-- the rows per day, read back from the partition directories (printed sorted by day)
SELECT dt, COUNT(*) AS orders, SUM(amount) AS amount FROM orders_lake GROUP BY dt;

SELECT 'the Parquet files are under ${quickstart.dir}/orders/dt=<day>/' AS `written to`;
