-- Real-time collection: a consistent chunked snapshot, then every change from the binlog,
-- applied to a MariaDB copy (upserts and deletes by primary key).
SET 'execution.checkpointing.interval' = '10 s';

CREATE TABLE orders_changes (
  id BIGINT,
  customer STRING,
  amount DECIMAL(12, 2),
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'flinkx-binlog',
  'hostname' = '${MYSQL_HOST}',
  'username' = '${CDC_USER}',
  'password' = '${CDC_PASSWORD}',
  'tables' = 'shop\.orders'
);

CREATE TABLE orders_replica (
  id BIGINT,
  customer STRING,
  amount DECIMAL(12, 2),
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'flinkx-mariadb',
  'url' = 'jdbc:mariadb://${MARIA_HOST}:3306/replica',
  'table-name' = 'orders',
  'username' = '${MARIA_USER}',
  'password' = '${MARIA_PASSWORD}'
);

INSERT INTO orders_replica SELECT * FROM orders_changes;
