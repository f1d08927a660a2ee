CREATE TABLE IF NOT EXISTS `edu`.`course` (
  `source_db` VARCHAR(256) NOT NULL,
  `source_table` VARCHAR(256) NOT NULL,
  `id` INT NOT NULL,
  `title` VARCHAR(800) NOT NULL,
  `credits` DECIMAL(4, 1) NULL,
  `starts` DATETIME NULL
)
PRIMARY KEY (`source_db`, `source_table`, `id`)
DISTRIBUTED BY HASH(`source_db`, `source_table`, `id`) BUCKETS 4
PROPERTIES (
  "replication_num" = "1"
);

CREATE TABLE IF NOT EXISTS `lake`.`shop_customers` (
  `id` INT NOT NULL,
  `name` VARCHAR(200) NULL,
  `vip` TINYINT NULL
)
PRIMARY KEY (`id`)
DISTRIBUTED BY HASH(`id`) BUCKETS 4
PROPERTIES (
  "replication_num" = "1"
);

CREATE TABLE IF NOT EXISTS `lake`.`shop_orders` (
  `order_id` LARGEINT NOT NULL,
  `total` DECIMAL(12, 2) NOT NULL,
  `customer` VARCHAR(40) NULL,
  `note` VARCHAR(65535) NULL,
  `placed` DATETIME NULL
)
PRIMARY KEY (`order_id`)
DISTRIBUTED BY HASH(`order_id`) BUCKETS 4
PROPERTIES (
  "replication_num" = "1"
);

