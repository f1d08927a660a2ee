-- Real-time collection into Elasticsearch or OpenSearch: a consistent chunked snapshot, then every
-- change from the binlog. The primary key is the document id: inserts and updates are upserts,
-- deletes delete, and a replay after a failure overwrites the same documents. Each row goes to the
-- index of its month.
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

CREATE TABLE orders_es (
  id BIGINT,
  customer STRING,
  amount DECIMAL(12, 2),
  updated TIMESTAMP(3),
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'flinkx-es',
  'hosts' = 'http://${ES_HOST}:9200',
  'index' = 'orders-{updated|yyyy.MM}',
  'username' = '${ES_USER}',
  'password' = '${ES_PASSWORD}',
  'errors.max-count' = '100',
  'dirty.sink' = 'file',
  'dirty.path' = '/tmp/flinkx-dirty'
);

INSERT INTO orders_es SELECT * FROM orders_changes;
