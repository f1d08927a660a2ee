-- Resumable parallel full sync, exactly-once into MariaDB.
--   bin/flinkx -mode standalone -job postgresql_to_mariadb.sql -DPG_HOST=... -DMARIA_HOST=... (passwords from the environment)
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

CREATE TABLE orders_copy (
  id BIGINT,
  customer STRING,
  amount DECIMAL(12, 2),
  created TIMESTAMP(3)
) WITH (
  'connector' = 'flinkx-mariadb',
  'url' = 'jdbc:mariadb://${MARIA_HOST}:3306/lake',
  'table-name' = 'orders',
  'username' = '${MARIA_USER}',
  'password' = '${MARIA_PASSWORD}',
  'sink.delivery-guarantee' = 'exactly-once'
);

INSERT INTO orders_copy SELECT * FROM orders;
