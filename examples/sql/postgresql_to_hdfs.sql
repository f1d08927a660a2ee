-- Database table -> HDFS, exactly-once and resumable, as Snappy Parquet partitioned by day in
-- Hive's layout (dt=yyyy-MM-dd directories).
SET 'execution.checkpointing.interval' = '30 s';

CREATE TABLE orders (
  id BIGINT,
  customer STRING,
  amount DECIMAL(12, 2),
  created TIMESTAMP(3),
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'flinkx-postgresql',
  'url' = 'jdbc:postgresql://${PG_HOST}:5432/shop',
  'table-name' = 'public.orders',
  'username' = '${PG_USER}',
  'password' = '${PG_PASSWORD}'
);

CREATE TABLE orders_lake (
  id BIGINT,
  customer STRING,
  amount DECIMAL(12, 2),
  created TIMESTAMP(3),
  dt STRING
) PARTITIONED BY (dt) WITH (
  'connector' = 'flinkx-hdfs',
  'path' = 'hdfs://${NAMENODE}:8020/warehouse/shop.db/orders',
  'format' = 'parquet',
  'compression' = 'snappy'
);

INSERT INTO orders_lake SELECT *, DATE_FORMAT(created, 'yyyy-MM-dd') FROM orders;
