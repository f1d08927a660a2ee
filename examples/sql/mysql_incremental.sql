-- Incremental sync that keeps polling for rows above a high-water mark (kept in checkpoints),
-- upserted into PostgreSQL. flinkx-mysql uses the bundled MariaDB driver unless MySQL
-- Connector/J is in flink/lib.
SET 'execution.checkpointing.interval' = '10 s';

CREATE TABLE events (
  id BIGINT,
  kind STRING,
  payload STRING,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'flinkx-mysql',
  'url' = 'jdbc:mysql://${MYSQL_HOST}:3306/app',
  'table-name' = 'events',
  'username' = '${MYSQL_USER}',
  'password' = '${MYSQL_PASSWORD}',
  'scan.incremental.column' = 'id',
  'scan.incremental.start-value' = '0',
  'scan.incremental.polling-interval' = '10 s'
);

CREATE TABLE events_copy (
  id BIGINT,
  kind STRING,
  payload STRING,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'flinkx-postgresql',
  'url' = 'jdbc:postgresql://${PG_HOST}:5432/replica',
  'table-name' = 'events',
  'username' = '${PG_USER}',
  'password' = '${PG_PASSWORD}'
);

INSERT INTO events_copy SELECT * FROM events;
