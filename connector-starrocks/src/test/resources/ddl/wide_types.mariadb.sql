CREATE TABLE wide_types (
  c_tinyint TINYINT, c_bool_tinyint TINYINT(1), c_tinyint_u TINYINT UNSIGNED,
  code VARCHAR(20) CHARACTER SET utf8mb4 NOT NULL,
  c_smallint SMALLINT, c_smallint_u SMALLINT UNSIGNED,
  c_mediumint MEDIUMINT, c_mediumint_u MEDIUMINT UNSIGNED,
  c_int INT NOT NULL, c_int_u INT UNSIGNED, c_bigint BIGINT,
  id BIGINT UNSIGNED NOT NULL,
  c_decimal DECIMAL(10, 2), c_decimal_wide DECIMAL(65, 30), c_numeric NUMERIC(38, 0),
  c_float FLOAT, c_double DOUBLE, c_bit BIT(1), c_bool BOOL,
  c_char CHAR(10) CHARACTER SET utf8mb4, c_char_latin CHAR(10) CHARACTER SET latin1,
  c_char_long CHAR(100) CHARACTER SET utf8mb4,
  c_varchar VARCHAR(255) CHARACTER SET utf8mb4, c_varchar_utf8 VARCHAR(100) CHARACTER SET utf8mb3,
  c_tinytext TINYTEXT, c_text TEXT, c_mediumtext MEDIUMTEXT, c_longtext LONGTEXT, c_json JSON,
  c_enum ENUM('a', 'bb', 'ccc'), c_set SET('x', 'y'),
  c_date DATE, c_datetime DATETIME, c_datetime6 DATETIME(6), c_timestamp TIMESTAMP(3) NULL,
  c_time TIME, c_time3 TIME(3), c_year YEAR,
  PRIMARY KEY (code, id)
) DEFAULT CHARSET = utf8mb4
