package org.flinkx.launcher.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonJobTranslatorTest {

    /** ChunJun's own example (chunjun-examples/json/mysql/mysql_hdfs_polling.json), abridged. */
    private static final String MYSQL_TO_HDFS =
            """
            {"job": {"content": [{
              "reader": {"name": "mysqlreader", "parameter": {
                "column": [{"name": "id", "type": "bigint"}, {"name": "user_id", "type": "varchar"},
                           {"name": "name", "type": "varchar"}, {"name": "origin", "type": "varchar", "value": "mysql"}],
                "splitPk": "id", "splitStrategy": "mod", "increColumn": "id", "startLocation": "1",
                "username": "username", "password": "s3cret", "queryTimeOut": 2000,
                "connection": [{"jdbcUrl": ["jdbc:mysql://ip:3308/tudou?useSSL=false"], "table": ["kudu1"]}],
                "polling": false, "pollingInterval": 3000}},
              "writer": {"name": "hdfswriter", "parameter": {
                "fileType": "text", "path": "/user/hive/warehouse/tudou.db/kudu_txt", "defaultFS": "hdfs://ns",
                "fileName": "pt=1", "fieldDelimiter": ",", "encoding": "utf-8", "writeMode": "overwrite",
                "column": [{"name": "id", "type": "BIGINT"}, {"name": "user_id", "type": "BIGINT"},
                           {"name": "name", "type": "VARCHAR"}, {"name": "src", "type": "string"}],
                "hadoopConfig": {"dfs.nameservices": "ns", "dfs.ha.namenodes.ns": "nn1,nn2"}}}}],
              "setting": {"restore": {"restoreColumnName": "id", "restoreColumnIndex": 0},
                          "errorLimit": {"record": 10, "percentage": 1.5},
                          "speed": {"bytes": 3000, "readerChannel": 3, "writerChannel": 2}}}}
            """;

    @Test
    void translatesEveryKeyOfAJdbcToHdfsJob() {
        List<String> warnings = new ArrayList<>();
        String sql = JsonJobTranslator.translate(MYSQL_TO_HDFS, warnings);

        assertThat(sql)
                .contains("SET 'parallelism.default' = '1';")
                .contains(
                        """
                        CREATE TABLE `reader` (
                          `id` BIGINT,
                          `user_id` STRING,
                          `name` STRING
                        ) WITH (
                          'connector' = 'flinkx-mysql',
                          'url' = 'jdbc:mysql://ip:3308/tudou?useSSL=false',
                          'table-name' = 'kudu1',
                          'username' = 'username',
                          'password' = 's3cret',
                          'scan.partition.column' = 'id',
                          'scan.partition.strategy' = 'mod',
                          'scan.incremental.column' = 'id',
                          'scan.incremental.start-value' = '1',
                          'scan.parallelism' = '3',
                          'scan.rate-limit.bytes-per-second' = '1000 b',
                          'errors.max-count' = '10',
                          'errors.max-percentage' = '1.5'
                        );""")
                .contains(
                        """
                        ) WITH (
                          'connector' = 'flinkx-hdfs',
                          'path' = 'hdfs://ns/user/hive/warehouse/tudou.db/kudu_txt/pt=1',
                          'format' = 'text',
                          'text.field-delimiter' = ',',
                          'properties.dfs.nameservices' = 'ns',
                          'properties.dfs.ha.namenodes.ns' = 'nn1,nn2',
                          'text.charset' = 'utf-8',
                          'sink.write-mode' = 'overwrite',
                          'sink.parallelism' = '2',""")
                .contains(
                        """
                        INSERT INTO `writer` (`id`, `user_id`, `name`, `src`)
                        SELECT `id`, CAST(`user_id` AS BIGINT), `name`, CAST('mysql' AS STRING)
                        FROM `reader`;""")
                .doesNotContain("polling-interval");
        assertThat(warnings)
                .anySatisfy(
                        w ->
                                assertThat(w)
                                        .contains(
                                                "mysqlreader: parameter 'queryTimeOut' is ignored"))
                .anySatisfy(
                        w ->
                                assertThat(w)
                                        .contains(
                                                "job.setting.restore.restoreColumnIndex is ignored"));
    }

    @Test
    void explainMasksPasswords() {
        assertThat(JsonJobTranslator.translate(MYSQL_TO_HDFS, new ArrayList<>(), true))
                .contains("'password' = '******'")
                .doesNotContain("s3cret");
    }

    @Test
    void writersOfTheOlderAndNewerReleasesTranslateAlike() {
        String older =
                jdbcToJdbc("\"writeMode\": \"update\", \"updateKey\": {\"uk_id\": [\"id\"]}");
        String newer = jdbcToJdbc("\"mode\": \"update\", \"uniqueKey\": [\"id\"]");
        for (String job : List.of(older, newer)) {
            assertThat(JsonJobTranslator.translate(job, new ArrayList<>()))
                    .contains("'connector' = 'flinkx-postgresql'")
                    .contains("PRIMARY KEY (`id`) NOT ENFORCED")
                    .contains("'sink.write-mode' = 'upsert'")
                    .contains("'sink.pre-sql' = 'DELETE FROM t WHERE d = 1;DELETE FROM u'")
                    .contains("'table-name' = 'public.target'")
                    .contains("'scan.incremental.polling-interval' = '2000 ms'")
                    .contains("'url' = 'jdbc:mysql://a:3306/db'")
                    .contains("'scan.shard.urls' = 'jdbc:mysql://b:3306/db'")
                    .contains("SET 'restart-strategy.type' = 'fixed-delay'")
                    .contains("SET 'restart-strategy.fixed-delay.attempts' = '3'")
                    .contains("SET 'restart-strategy.fixed-delay.delay' = '5 s'")
                    .contains("SET 'execution.checkpointing.interval' = '60 s'")
                    .contains("SET 'parallelism.default' = '2'");
        }
    }

    private static String jdbcToJdbc(String writeMode) {
        return """
                {"job": {"content": [{
                  "reader": {"name": "mysqlsource", "parameter": {"username": "u", "password": "p",
                    "column": [{"name": "id", "type": "int"}, {"name": "d", "type": "decimal(10, 2)"}],
                    "increColumn": "id", "polling": true, "pollingInterval": 2000,
                    "connection": [{"jdbcUrl": ["jdbc:mysql://a:3306/db"], "table": ["src"]},
                                   {"jdbcUrl": ["jdbc:mysql://b:3306/db"], "table": ["src"]}]}},
                  "writer": {"name": "postgresqlwriter", "parameter": {"username": "u", "password": "p",
                    "column": ["id", "d"], %s,
                    "preSql": ["DELETE FROM t WHERE d = 1;", "DELETE FROM u"],
                    "connection": [{"jdbcUrl": "jdbc:postgresql://h/db", "table": ["target"], "schema": "public"}]}}}],
                  "setting": {"speed": {"channel": 2}, "restore": {"isRestore": true},
                    "restart": {"strategy": "fixedDelay", "restartAttempts": 3, "delayInterval": 5}}}}
                """
                .formatted(writeMode);
    }

    @Test
    void textColumnsAreReadByIndexWithSkippedFields() {
        String sql =
                JsonJobTranslator.translate(
                        """
                {"job": {"content": [{
                  "reader": {"name": "hdfsreader", "parameter": {"path": "hdfs://nn:8020/in", "fileType": "text",
                    "fieldDelimiter": "\\t",
                    "column": [{"index": 2, "type": "int", "name": "c"}, {"index": 0, "type": "string"}]}},
                  "writer": {"name": "streamwriter", "parameter": {"print": false}}}]}}
                """,
                        new ArrayList<>());

        assertThat(sql)
                .contains("`col0` STRING,\n  `_skipped_1` STRING,\n  `c` INT\n)")
                .contains("'connector' = 'blackhole'")
                .contains("INSERT INTO `writer` (`c`, `col0`)\nSELECT `c`, `col0`\nFROM `reader`;");
    }

    /**
     * {@code starrockswriter} with the keys of StarRocks' DataX writer and of ChunJun's: both
     * become the same {@code flinkx-starrocks} table.
     */
    @Test
    void starRocksWritersOfDataXAndChunJunTranslateAlike() {
        String reader =
                "{\"column\": [{\"name\": \"id\", \"type\": \"bigint\"}, "
                        + "{\"name\": \"name\", \"type\": \"varchar\"}], \"sliceRecordCount\": [10]}";
        String dataX =
                JsonJobTranslator.translate(
                        job(
                                "streamreader",
                                reader,
                                "starrockswriter",
                                "{\"username\": \"loader\", \"password\": \"pw\", \"database\": \"shop\", "
                                        + "\"table\": \"orders\", \"column\": [\"*\"], \"preSql\": [], "
                                        + "\"jdbcUrl\": \"jdbc:mysql://fe1:9030/\", "
                                        + "\"loadUrl\": [\"fe1:8030\", \"fe2:8030\"], \"maxBatchRows\": 1000, "
                                        + "\"loadProps\": {\"format\": \"json\", \"strip_outer_array\": true}}"),
                        new ArrayList<>());
        String chunJun =
                JsonJobTranslator.translate(
                        job(
                                "streamreader",
                                reader,
                                "starrockssink",
                                "{\"username\": \"loader\", \"password\": \"pw\", "
                                        + "\"url\": \"jdbc:mysql://fe1:9030/\", \"feNodes\": [\"fe1:8030\", \"fe2:8030\"], "
                                        + "\"database\": \"shop\", \"table\": \"orders\", \"column\": [\"id\", \"name\"], "
                                        + "\"loadConf\": {\"batchMaxRows\": 1000, \"headProperties\": "
                                        + "{\"format\": \"json\", \"strip_outer_array\": \"true\"}}}"),
                        new ArrayList<>());

        for (String sql : List.of(dataX, chunJun)) {
            assertThat(sql)
                    .contains("'connector' = 'flinkx-starrocks'")
                    .contains("'load-url' = 'fe1:8030;fe2:8030'")
                    .contains("'jdbc-url' = 'jdbc:mysql://fe1:9030/'")
                    .contains("'database-name' = 'shop'")
                    .contains("'table-name' = 'orders'")
                    .contains("'username' = 'loader'")
                    .contains("'sink.buffer-flush.max-rows' = '1000'")
                    .contains("'sink.properties.format' = 'json'")
                    .contains("'sink.properties.strip_outer_array' = 'true'")
                    .contains("`id` BIGINT,\n  `name` STRING\n)");
        }
        assertThatThrownBy(
                        () ->
                                JsonJobTranslator.translate(
                                        job(
                                                "streamreader",
                                                reader,
                                                "starrockswriter",
                                                "{\"username\": \"u\", \"database\": \"d\", \"table\": \"t\", "
                                                        + "\"loadUrl\": [\"fe:8030\"], \"preSql\": [\"truncate table t\"]}"),
                                        new ArrayList<>()))
                .hasMessageContaining("starrockswriter: 'preSql' must be empty");
    }

    @Test
    void unknownPluginsAndKeysFailNamingTheKnownOnes() {
        assertThatThrownBy(
                        () ->
                                JsonJobTranslator.translate(
                                        job("oraclereader", "{}", "streamwriter"),
                                        new ArrayList<>()))
                .hasMessageContaining("unknown reader 'oraclereader'")
                .hasMessageContaining(
                        "binlogreader, elasticsearch7reader, esreader, hdfsreader, kafkareader, mariadbreader, "
                                + "mysqlreader, postgresqlreader, streamreader");
        assertThatThrownBy(
                        () ->
                                JsonJobTranslator.translate(
                                        job(
                                                "streamreader",
                                                "{\"column\": [{\"type\": \"int\"}], \"sliceRecordCount\": [1], \"speed\": 1}",
                                                "streamwriter"),
                                        new ArrayList<>()))
                .hasMessageContaining("streamreader: unknown parameter 'speed'")
                .hasMessageContaining("column, permitsPerSecond, sliceRecordCount");
        assertThatThrownBy(
                        () ->
                                JsonJobTranslator.translate(
                                        job(
                                                "streamreader",
                                                "{\"column\": [{\"type\": \"geometry\", \"name\": \"g\"}]}",
                                                "streamwriter"),
                                        new ArrayList<>()))
                .hasMessageContaining("column 'g': unknown type 'geometry'");
        assertThatThrownBy(
                        () ->
                                JsonJobTranslator.translate(
                                        "{\"job\": {\"content\": [{\"reader\": {\"name\": \"streamreader\", \"parameter\": "
                                                + "{\"column\": [{\"type\": \"int\"}]}}, \"writer\": {\"name\": \"streamwriter\"}}], "
                                                + "\"setting\": {\"speed\": {\"channels\": 2}}}}",
                                        new ArrayList<>()))
                .hasMessageContaining("unknown key job.setting.speed.channels")
                .hasMessageContaining("[bytes, channel, readerChannel, rebalance, writerChannel]");
    }

    @Test
    void streamReaderGeneratesRowsPerChannel() {
        String sql =
                JsonJobTranslator.translate(
                        """
                {"job": {"content": [{
                  "reader": {"name": "streamreader", "parameter": {"sliceRecordCount": [30, 20],
                    "column": [{"name": "id", "type": "id"}, {"name": "v", "type": "string", "value": "x"}]}},
                  "writer": {"name": "streamwriter", "parameter": {"print": true}}}],
                  "setting": {"speed": {"channel": 2}}}}
                """,
                        new ArrayList<>());

        assertThat(sql)
                .contains("'number-of-rows' = '50'")
                .contains("'fields.id.kind' = 'sequence'")
                .contains("'fields.id.end' = '50'")
                .contains("'connector' = 'print'")
                .contains("SELECT `id`, CAST('x' AS STRING)");
    }

    /** ChunJun's own example (chunjun-examples/json/kafka/kafka_stream.json), abridged. */
    @Test
    void kafkaReaderReadsTheFieldsOfJsonMessages() {
        List<String> warnings = new ArrayList<>();
        String sql =
                JsonJobTranslator.translate(
                        """
                {"job": {"content": [{
                  "reader": {"name": "kafkasource", "parameter": {
                    "topic": "da", "mode": "earliest-offset", "timestamp": 1000, "offset": "EARLIEST",
                    "groupId": "dddd", "codec": "json",
                    "column": [{"name": "id", "type": "int"}, {"name": "name", "type": "String"},
                               {"name": "money", "type": "decimal(10, 2)"},
                               {"name": "dtime", "type": "TIMESTAMP", "format": "yyyy-MM-dd HH:mm:ss"},
                               {"name": "dtdate", "type": "date"}],
                    "consumerSettings": {"bootstrap.servers": "localhost:9092", "auto.commit.enable": "false"}}},
                  "writer": {"name": "streamwriter", "parameter": {"print": true}}}],
                  "setting": {"restore": {"isRestore": true, "isStream": true},
                              "speed": {"readerChannel": 1, "writerChannel": 1}, "errorLimit": {"record": 5}}}}
                """,
                        warnings);

        assertThat(sql)
                .contains(
                        """
                        CREATE TABLE `reader` (
                          `id` INT,
                          `name` STRING,
                          `money` DECIMAL(10, 2),
                          `dtime` TIMESTAMP(3),
                          `dtdate` DATE
                        ) WITH (
                          'connector' = 'flinkx-kafka',
                          'topic' = 'da',
                          'properties.group.id' = 'dddd',
                          'properties.bootstrap.servers' = 'localhost:9092',
                          'properties.auto.commit.enable' = 'false',
                          'scan.startup.mode' = 'earliest-offset',
                          'format' = 'json',
                          'scan.parallelism' = '1',
                          'errors.max-count' = '5'
                        );""")
                .contains("SET 'execution.checkpointing.interval' = '60 s'")
                .doesNotContain("scan.bounded")
                .contains("INSERT INTO `writer` (`id`, `name`, `money`, `dtime`, `dtdate`)");
        assertThat(warnings)
                .contains(
                        "kafkareader: parameter 'timestamp' is unused: mode is 'earliest-offset', not 'timestamp'",
                        "kafkareader: parameter 'offset' is unused: mode is 'earliest-offset', not 'specific-offsets'");
    }

    /**
     * Text messages (ChunJun's default codec) as one column {@code message}, written on as JSON
     * objects {@code {"message": ...}} as ChunJun's writer did; SASL passwords masked by --explain.
     */
    @Test
    void kafkaToKafkaCopiesTextMessages() {
        String job =
                """
                {"job": {"content": [{
                  "reader": {"name": "kafkareader", "parameter": {
                    "topic": "a, b", "codec": "text", "encoding": "GBK", "blankIgnore": true,
                    "consumerSettings": {"bootstrap.servers": "k1:9092,k2:9092", "group.id": "sync",
                      "security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN",
                      "sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"u\\" password=\\"s3cret\\";"}}},
                  "writer": {"name": "kafkasink", "semantic": "exactly-once", "parameter": {
                    "topic": "out", "producerSettings": {"bootstrap.servers": "k1:9092", "zookeeper.connect": ""}}}}]}}
                """;
        List<String> warnings = new ArrayList<>();
        String sql = JsonJobTranslator.translate(job, warnings);

        assertThat(sql)
                .contains(
                        """
                        CREATE TABLE `reader` (
                          `message` STRING
                        ) WITH (
                          'connector' = 'flinkx-kafka',
                          'topic' = 'a;b',
                          'properties.group.id' = 'sync',
                          'properties.bootstrap.servers' = 'k1:9092,k2:9092',
                          'properties.security.protocol' = 'SASL_PLAINTEXT',
                          'properties.sasl.mechanism' = 'PLAIN',
                          'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="s3cret";',
                          'properties.auto.offset.reset' = 'latest',
                          'scan.startup.mode' = 'group-offsets',
                          'format' = 'raw',
                          'raw.charset' = 'GBK'
                        );""")
                .contains(
                        """
                        CREATE TABLE `writer` (
                          `message` STRING
                        ) WITH (
                          'connector' = 'flinkx-kafka',
                          'topic' = 'out',
                          'properties.bootstrap.servers' = 'k1:9092',
                          'format' = 'json',
                          'sink.delivery-guarantee' = 'exactly-once',
                          'sink.transactional-id-prefix' = 'flinkx-out'
                        );""")
                .contains("INSERT INTO `writer` (`message`)\nSELECT `message`\nFROM `reader`;");
        assertThat(warnings)
                .containsExactlyInAnyOrder(
                        "kafkareader: parameter 'blankIgnore' is ignored: FlinkX reads every message, empty ones too",
                        "kafkawriter: producerSettings.zookeeper.connect is ignored: Kafka clients talk to the "
                                + "brokers ('bootstrap.servers') only");
        assertThat(JsonJobTranslator.translate(job, new ArrayList<>(), true))
                .contains("password=******;")
                .doesNotContain("s3cret");
    }

    /** ChunJun's mysql_kafka.json with a streamreader, plus a message key and exactly-once. */
    @Test
    void kafkaWriterWritesRowsAsJsonObjectsOfTableFields() {
        String reader =
                "{\"column\": [{\"name\": \"id\", \"type\": \"id\"}, {\"name\": \"name\", \"type\": \"string\"}, "
                        + "{\"name\": \"amount\", \"type\": \"decimal(10, 2)\"}], \"sliceRecordCount\": [10]}";
        List<String> warnings = new ArrayList<>();
        String sql =
                JsonJobTranslator.translate(
                        job(
                                "streamreader",
                                reader,
                                "kafkawriter",
                                "{\"topic\": \"cx\", \"tableFields\": [\"uid\", \"uname\", \"amount\", \"spare\"], "
                                        + "\"column\": [{\"name\": \"x\", \"type\": \"bigint\"}, {\"name\": \"y\", \"type\": \"string\"}, "
                                        + "{\"name\": \"z\", \"type\": \"string\"}], "
                                        + "\"partitionAssignColumns\": [\"uid\"], \"dataCompelOrder\": true, \"semantic\": \"exactly-once\", "
                                        + "\"timezone\": \"UTC\", \"producerSettings\": {\"bootstrap.servers\": \"localhost:9092\", "
                                        + "\"transactional.id\": \"orders-sync\", \"acks\": \"all\"}}"),
                        warnings);

        assertThat(sql)
                .contains(
                        """
                        CREATE TABLE `writer` (
                          `uid` BIGINT,
                          `uname` STRING,
                          `amount` STRING
                        ) WITH (
                          'connector' = 'flinkx-kafka',
                          'topic' = 'cx',
                          'properties.bootstrap.servers' = 'localhost:9092',
                          'properties.acks' = 'all',
                          'key.format' = 'json',
                          'key.fields' = 'uid',
                          'value.format' = 'json',
                          'sink.delivery-guarantee' = 'exactly-once',
                          'sink.transactional-id-prefix' = 'orders-sync'
                        );""")
                .contains(
                        "INSERT INTO `writer` (`uid`, `uname`, `amount`)\nSELECT `id`, `name`, CAST(`amount` AS STRING)");
        assertThat(warnings)
                .anySatisfy(
                        w -> assertThat(w).contains("kafkawriter: parameter 'timezone' is ignored"))
                .anySatisfy(
                        w ->
                                assertThat(w)
                                        .isEqualTo(
                                                "kafkawriter: tableFields [spare] are unused: the reader reads 3 columns, matched by position"));

        // Without a key, dataCompelOrder writes every message to one partition, from one subtask.
        String ordered =
                JsonJobTranslator.translate(
                        job(
                                "streamreader",
                                reader,
                                "kafkawriter",
                                "{\"topic\": \"cx\", \"dataCompelOrder\": true, "
                                        + "\"producerSettings\": {\"bootstrap.servers\": \"localhost:9092\"}}"),
                        new ArrayList<>());
        assertThat(ordered)
                .contains("'format' = 'json',\n  'sink.partitioner' = 'fixed'\n);")
                .contains("`id` BIGINT,\n  `name` STRING,\n  `amount` DECIMAL(10, 2)\n)");
        assertThatThrownBy(
                        () ->
                                JsonJobTranslator.translate(
                                        "{\"job\": {\"content\": [{\"reader\": {\"name\": \"streamreader\", \"parameter\": "
                                                + reader
                                                + "}, \"writer\": {\"name\": \"kafkawriter\", \"parameter\": {\"topic\": \"cx\", "
                                                + "\"dataCompelOrder\": true, \"producerSettings\": {\"bootstrap.servers\": \"k:9092\"}}}}], "
                                                + "\"setting\": {\"speed\": {\"channel\": 2}}}}",
                                        new ArrayList<>()))
                .hasMessageContaining(
                        "kafkawriter: dataCompelOrder keeps the rows' order with one writer subtask, not 2");
    }

    /**
     * A binlog reader's changes as Debezium JSON events, keyed by the table's primary key
     * (ChunJun's binlog_kafka_partition_by_key.json).
     */
    @Test
    void kafkaWriterWritesTheChangesOfABinlogReaderKeyedByThePrimaryKey() throws Exception {
        String url = "jdbc:h2:mem:binlog_kafka;DB_CLOSE_DELAY=-1";
        try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
                var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS SHOP");
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS SHOP.ORDERS (ID INT PRIMARY KEY, NAME VARCHAR(20))");
        }
        String sql =
                JsonJobTranslator.translate(
                        job(
                                "binlogreader",
                                "{\"host\": \"db\", \"username\": \"sa\", \"password\": \"\", \"jdbcUrl\": \""
                                        + url
                                        + "\", \"table\": [\"SHOP.ORDERS\"], \"pavingData\": true}",
                                "kafkawriter",
                                "{\"topic\": \"orders\", \"partitionStrategy\": \"hash-by-key\", "
                                        + "\"producerSettings\": {\"bootstrap.servers\": \"localhost:9092\"}}"),
                        new ArrayList<>());

        assertThat(sql)
                .contains(
                        """
                        CREATE TABLE `writer` (
                          `ID` INT,
                          `NAME` STRING
                        ) WITH (
                          'connector' = 'flinkx-kafka',
                          'topic' = 'orders',
                          'properties.bootstrap.servers' = 'localhost:9092',
                          'key.format' = 'json',
                          'key.fields' = 'ID',
                          'value.format' = 'debezium-json'
                        );""");
    }

    @Test
    void kafkaKeysThatCannotBeHonouredFailNamingTheReason() {
        String servers = "\"consumerSettings\": {\"bootstrap.servers\": \"k:9092\"}";
        assertThatThrownBy(() -> kafkaToStream("{\"topic\": \"t\", \"consumerSetting\": {}}"))
                .hasMessageContaining("kafkareader: unknown parameter 'consumerSetting'")
                .hasMessageContaining(
                        "the parameters of kafkareader are addMessage, blankIgnore, codec, column, "
                                + "consumerSettings, deserialization, deserializationProperties, encoding, filter, "
                                + "groupId, mode, nullReplaceNotExistsField, offset, pavingData, split, tableSchema, "
                                + "timestamp, topic, topics");
        assertThatThrownBy(() -> kafkaToStream("{\"topic\": \"t\", \"consumerSettings\": {}}"))
                .hasMessageContaining(
                        "kafkareader: consumerSettings needs 'bootstrap.servers', the brokers");
        assertThatThrownBy(
                        () ->
                                kafkaToStream(
                                        "{\"topic\": \"t\", \"codec\": \"json\", " + servers + "}"))
                .hasMessageContaining("kafkareader: codec json needs 'column'");
        assertThatThrownBy(
                        () ->
                                kafkaToStream(
                                        "{\"topic\": \"t\", \"codec\": \"json\", "
                                                + servers
                                                + ", \"column\": [{\"name\": \"t\", \"type\": \"datetime\", \"format\": \"dd/MM/yyyy\"}]}"))
                .hasMessageContaining(
                        "kafkareader: column 't' (TIMESTAMP(3)) has format 'dd/MM/yyyy', which Flink's JSON format does not read");
        assertThatThrownBy(
                        () ->
                                kafkaToStream(
                                        "{\"topic\": \"t\", \"mode\": \"timestamp\", "
                                                + servers
                                                + "}"))
                .hasMessageContaining("kafkareader: mode 'timestamp' needs 'timestamp'");
        assertThatThrownBy(
                        () ->
                                kafkaToStream(
                                        "{\"topic\": \"a,b\", \"mode\": \"specific-offsets\", "
                                                + "\"offset\": \"partition:0,offset:42\", "
                                                + servers
                                                + "}"))
                .hasMessageContaining("kafkareader: mode 'specific-offsets' reads one topic");
        assertThatThrownBy(
                        () ->
                                kafkaToStream(
                                        "{\"topic\": \"t\", \"mode\": \"latest\", "
                                                + servers
                                                + "}"))
                .hasMessageContaining(
                        "kafkareader: mode 'latest' is not one of group-offsets, earliest-offset, latest-offset, timestamp, specific-offsets");
        String reader =
                "{\"column\": [{\"name\": \"id\", \"type\": \"int\"}, {\"name\": \"v\", \"type\": \"string\"}]}";
        String producer = "\"producerSettings\": {\"bootstrap.servers\": \"k:9092\"}";
        assertThatThrownBy(
                        () ->
                                JsonJobTranslator.translate(
                                        job(
                                                "streamreader",
                                                reader,
                                                "kafkawriter",
                                                "{\"topic\": \"t_%{table}\", " + producer + "}"),
                                        new ArrayList<>()))
                .hasMessageContaining("kafkawriter: topic 't_%{table}' has a %{...} placeholder");
        assertThatThrownBy(
                        () ->
                                JsonJobTranslator.translate(
                                        job(
                                                "streamreader",
                                                reader,
                                                "kafkawriter",
                                                "{\"topic\": \"t\", \"tableFields\": [\"id\"], "
                                                        + producer
                                                        + "}"),
                                        new ArrayList<>()))
                .hasMessageContaining(
                        "kafkawriter: tableFields names 1 fields, the reader reads 2 columns");
        assertThatThrownBy(
                        () ->
                                JsonJobTranslator.translate(
                                        job(
                                                "streamreader",
                                                reader,
                                                "kafkawriter",
                                                "{\"topic\": \"t\", \"partitionAssignColumns\": [\"uid\"], "
                                                        + producer
                                                        + "}"),
                                        new ArrayList<>()))
                .hasMessageContaining(
                        "kafkawriter: partitionAssignColumns names 'uid', which is not a column of the writer; its columns are [id, v]");
        assertThatThrownBy(
                        () ->
                                JsonJobTranslator.translate(
                                        job(
                                                "streamreader",
                                                reader,
                                                "kafkawriter",
                                                "{\"topic\": \"t\", \"partitionStrategy\": \"hash-by-key\", "
                                                        + producer
                                                        + "}"),
                                        new ArrayList<>()))
                .hasMessageContaining(
                        "kafkawriter: partitionStrategy 'hash-by-key' keys each message by the reader's primary key");
    }

    private static String kafkaToStream(String readerParameter) {
        return JsonJobTranslator.translate(
                job("kafkareader", readerParameter, "streamwriter"), new ArrayList<>());
    }

    private static String job(String reader, String parameter, String writer) {
        return "{\"job\": {\"content\": [{\"reader\": {\"name\": \""
                + reader
                + "\", \"parameter\": "
                + parameter
                + "}, \"writer\": {\"name\": \""
                + writer
                + "\"}}]}}";
    }

    private static String job(
            String reader, String readerParameter, String writer, String writerParameter) {
        return "{\"job\": {\"content\": [{\"reader\": {\"name\": \""
                + reader
                + "\", \"parameter\": "
                + readerParameter
                + "}, \"writer\": {\"name\": \""
                + writer
                + "\", \"parameter\": "
                + writerParameter
                + "}}]}}";
    }
}
