-- Real-time collection into StarRocks: a consistent chunked snapshot, then every change from the
-- binlog, upserted and deleted in a StarRocks primary-key table, exactly-once through Stream Load
-- transactions (one per checkpoint).
SET 'execution.checkpointing.interval' = '30 s';

CREATE TABLE orders_changes (
  id BIGINT,
  customer STRING,
  amount DECIMAL(12, 2),
  updated TIMESTAMP(3),
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'flinkx-binlog',
  'hostname' = '${MYSQL_HOST}',
  'username' = '${CDC_USER}',
  'password' = '${CDC_PASSWORD}',
  'tables' = 'shop\.orders'
);

CREATE TABLE orders_sr (
  id BIGINT,
  customer STRING,
  amount DECIMAL(12, 2),
  updated TIMESTAMP(3),
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'flinkx-starrocks',
  'load-url' = '${STARROCKS_FE}:8030',
  'database-name' = 'lake',
  'table-name' = 'orders',
  'username' = '${STARROCKS_USER}',
  'password' = '${STARROCKS_PASSWORD}',
  'sink.semantic' = 'exactly-once',
  'sink.label-prefix' = 'orders_cdc',
  'sink.properties.format' = 'json'
);

INSERT INTO orders_sr SELECT * FROM orders_changes;
