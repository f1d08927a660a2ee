package org.flinkx.launcher.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Elasticsearch readers and writers of both generations as flinkx-es tables. */
class EsPluginsTest {

    private static final String STREAM_READER =
            "{\"column\": [{\"name\": \"id\", \"type\": \"id\"}, {\"name\": \"name\", \"type\": \"string\"}, "
                    + "{\"name\": \"amount\", \"type\": \"decimal(10, 2)\"}, {\"name\": \"at\", \"type\": \"datetime\"}], "
                    + "\"sliceRecordCount\": [10]}";

    /** The older FlinkX's esreader page, with its query, timeout and a constant column. */
    @Test
    void esReaderOfTheOlderFlinkxReadsTheFieldsOfItsColumns() {
        List<String> warnings = new ArrayList<>();
        String sql =
                JsonJobTranslator.translate(
                        job(
                                "esreader",
                                """
                                {"address": "host1:9200,host2:9200", "username": "dtstack", "password": "abc123",
                                 "query": {"match": {"status": "paid"}}, "index": ["orders-2024", "orders-2025"],
                                 "type": "_doc", "batchSize": 500, "timeout": 10, "pathPrefix": "/es",
                                 "column": [{"name": "id", "type": "long"}, {"name": "buyer.name", "type": "string"},
                                            {"name": "paid_at", "type": "date"}, {"name": "tags"},
                                            {"type": "string", "value": "es"},
                                            {"name": "_id", "type": "keyword"}]}""",
                                "streamwriter",
                                "{\"print\": true}"),
                        warnings);

        assertThat(sql)
                .contains(
                        """
                        CREATE TABLE `reader` (
                          `id` BIGINT,
                          `buyer.name` STRING,
                          `paid_at` TIMESTAMP(3),
                          `tags` STRING,
                          `_id` STRING METADATA FROM '_id' VIRTUAL
                        ) WITH (
                          'connector' = 'flinkx-es',
                          'hosts' = 'http://host1:9200;http://host2:9200',
                          'index' = 'orders-2024,orders-2025',
                          'username' = 'dtstack',
                          'password' = 'abc123',
                          'connection.path-prefix' = '/es',
                          'socket.timeout' = '10 s',
                          'scan.fetch-size' = '500',
                          'scan.query' = '{"match":{"status":"paid"}}'
                        );""")
                .contains(
                        "INSERT INTO `writer` (`id`, `buyer.name`, `paid_at`, `tags`, `col4`, `_id`)\n"
                                + "SELECT `id`, `buyer.name`, `paid_at`, `tags`, CAST('es' AS STRING), `_id`\n"
                                + "FROM `reader`;");
        assertThat(warnings)
                .containsExactly(
                        "esreader: column 'buyer.name' reads the top-level field named 'buyer.name', as "
                                + "ChunJun did; the older FlinkX read the field 'name' of object 'buyer': for that, "
                                + "read the object as its JSON text (type object), or declare a ROW column in a "
                                + "flinkx-es SQL job");
        assertThat(
                        JsonJobTranslator.translate(
                                job("esreader", READER, "streamwriter", "{}"), warnings, true))
                .contains("'password' = '******'")
                .doesNotContain("s3cret");
    }

    private static final String READER =
            """
            {"hosts": ["es1:9200", "es2:9200"], "index": "mowen", "username": "elastic", "password": "s3cret",
             "column": [{"name": "id", "type": "integer"}]}""";

    /**
     * ChunJun's es2es.json: typed columns, its client timeouts in milliseconds, TLS with a CA file,
     * and the client pool's keys, which FlinkX's client does not need.
     */
    @Test
    void elasticsearch7ReaderOfChunJunTakesItsTypesTimeoutsAndCa() {
        List<String> warnings = new ArrayList<>();
        String sql =
                JsonJobTranslator.translate(
                        job(
                                "elasticsearch7source",
                                """
                                {"hosts": ["localhost:9200", "https://127.0.0.1:9201"], "index": "mowen",
                                 "connectTimeout": "10000", "socketTimeout": 1800000, "keepAliveTime": 5000,
                                 "query": "{\\"range\\": {\\"id\\": {\\"gte\\": 10}}}",
                                 "sslConfig": {"useLocalFile": true, "type": "ca", "filePath": "/etc/es/certs/",
                                               "fileName": "http_ca.crt"},
                                 "column": [{"name": "id", "type": "integer"}, {"name": "phone", "type": "long"},
                                            {"name": "wechat", "type": "text"}, {"name": "income", "type": "float"},
                                            {"name": "birthday", "type": "date"}, {"name": "vip", "type": "boolean"},
                                            {"name": "address", "type": "object"}, {"name": "code", "type": "keyword",
                                             "value": "x"}]}""",
                                "streamwriter",
                                "{\"print\": true}"),
                        warnings);

        assertThat(sql)
                .contains(
                        """
                        CREATE TABLE `reader` (
                          `id` INT,
                          `phone` BIGINT,
                          `wechat` STRING,
                          `income` FLOAT,
                          `birthday` TIMESTAMP(3),
                          `vip` BOOLEAN,
                          `address` STRING,
                          `code` STRING
                        ) WITH (
                          'connector' = 'flinkx-es',
                          'hosts' = 'https://localhost:9200;https://127.0.0.1:9201',
                          'index' = 'mowen',
                          'tls.ca-certificate' = '/etc/es/certs/http_ca.crt',
                          'tls.verify-hostname' = 'false',
                          'connection.timeout' = '10000 ms',
                          'socket.timeout' = '1800000 ms',
                          'scan.query' = '{"range":{"id":{"gte":10}}}'
                        );""");
        assertThat(warnings)
                .containsExactlyInAnyOrder(
                        "elasticsearch7reader: parameter 'keepAliveTime' is ignored: FlinkX's REST client "
                                + "keeps its own connections (`connection.timeout`, `socket.timeout`)",
                        "elasticsearch7reader: column 'code' reads the field; its 'value' is unused, as in "
                                + "the original (a column without a name is a constant)");

        List<String> pkcs12 = new ArrayList<>();
        JsonJobTranslator.translate(
                job(
                        "elasticsearch7reader",
                        "{\"hosts\": \"es1:9200;es2:9200\", \"index\": \"i\", \"sslConfig\": {\"fileName\": \"es.p12\", "
                                + "\"keyStorePass\": \"x\"}, \"column\": [{\"name\": \"id\", \"type\": \"long\"}]}",
                        "streamwriter",
                        "{}"),
                pkcs12);
        assertThat(pkcs12)
                .anySatisfy(
                        w ->
                                assertThat(w)
                                        .startsWith(
                                                "elasticsearch7reader: sslConfig: the PKCS#12 file es.p12 is not read"));

        // The older FlinkX's example reads with "batchSize": 0; a search returns 10000 at most.
        String reader = "\"hosts\": \"es:9200\", \"index\": \"i\", \"column\": [\"id\"]";
        assertThat(
                        JsonJobTranslator.translate(
                                job(
                                        "esreader",
                                        "{" + reader + ", \"batchSize\": 0}",
                                        "streamwriter",
                                        "{}"),
                                new ArrayList<>()))
                .doesNotContain("scan.fetch-size");
        List<String> capped = new ArrayList<>();
        assertThat(
                        JsonJobTranslator.translate(
                                job(
                                        "esreader",
                                        "{" + reader + ", \"batchSize\": 20000}",
                                        "streamwriter",
                                        "{}"),
                                capped))
                .contains("'scan.fetch-size' = '10000'");
        assertThat(capped)
                .containsExactly(
                        "esreader: batchSize 20000 is more than a search request returns "
                                + "(index.max_result_window, 10000 by default): FlinkX asks for 10000");
    }

    /** The older FlinkX's eswriter page: idColumn by position, bulkAction. */
    @Test
    void esWriterOfTheOlderFlinkxUpsertsByItsIdColumns() {
        String sql =
                JsonJobTranslator.translate(
                        job(
                                "streamreader",
                                STREAM_READER,
                                "eswriter",
                                """
                                {"address": "host1:9200", "index": "orders", "type": "_doc", "bulkAction": 100,
                                 "timeout": 100,
                                 "idColumn": [{"index": 0, "type": "int"}, {"index": 3, "type": "string"}],
                                 "column": [{"name": "id", "type": "long"}, {"name": "name", "type": "keyword"},
                                            {"name": "amount", "type": "double"}, {"name": "at", "type": "date"}]}"""),
                        new ArrayList<>());

        assertThat(sql)
                .contains(
                        """
                        CREATE TABLE `writer` (
                          `id` BIGINT,
                          `name` STRING,
                          `amount` DOUBLE,
                          `at` TIMESTAMP(3),
                          PRIMARY KEY (`id`, `at`) NOT ENFORCED
                        ) WITH (
                          'connector' = 'flinkx-es',
                          'hosts' = 'http://host1:9200',
                          'index' = 'orders',
                          'sink.bulk-flush.max-actions' = '100',
                          'socket.timeout' = '100 s',
                          'document-id.key-delimiter' = ''
                        );""")
                .contains(
                        "INSERT INTO `writer` (`id`, `name`, `amount`, `at`)\n"
                                + "SELECT `id`, `name`, CAST(`amount` AS DOUBLE), `at`\n");
    }

    /** ChunJun's elasticsearch7writer: ids with keyDelimiter, batchSize, an index pattern. */
    @Test
    void elasticsearch7WriterOfChunJunUpsertsByItsIds() {
        List<String> warnings = new ArrayList<>();
        String sql =
                JsonJobTranslator.translate(
                        job(
                                "streamreader",
                                STREAM_READER,
                                "elasticsearch7sink",
                                """
                                {"hosts": ["localhost:9200"], "index": "orders-{at|yyyy-MM}", "username": "elastic",
                                 "password": "s3cret", "batchSize": 1, "flushIntervalMills": 5000,
                                 "ids": ["id", "name"], "keyDelimiter": "-", "writeMode": "append",
                                 "semantic": "at-least-once", "parallelism": 4, "maxConnPerRoute": 10}"""),
                        warnings);

        assertThat(sql)
                .contains(
                        """
                        CREATE TABLE `writer` (
                          `id` BIGINT,
                          `name` STRING,
                          `amount` DECIMAL(10, 2),
                          `at` TIMESTAMP(3),
                          PRIMARY KEY (`id`, `name`) NOT ENFORCED
                        ) WITH (
                          'connector' = 'flinkx-es',
                          'hosts' = 'http://localhost:9200',
                          'index' = 'orders-{at|yyyy-MM}',
                          'username' = 'elastic',
                          'password' = 's3cret',
                          'document-id.key-delimiter' = '-',
                          'sink.bulk-flush.max-actions' = '1',
                          'sink.bulk-flush.interval' = '5000',
                          'sink.delivery-guarantee' = 'at-least-once'
                        );""")
                .contains(
                        "INSERT INTO `writer` (`id`, `name`, `amount`, `at`)\n"
                                + "SELECT `id`, `name`, `amount`, `at`\n");
        assertThat(warnings)
                .containsExactlyInAnyOrder(
                        "elasticsearch7writer: parameter 'parallelism' is ignored: the parallelism is "
                                + "job.setting.speed's (`channel`, `readerChannel`, `writerChannel`), as in ChunJun, "
                                + "which overwrote this key with it",
                        "elasticsearch7writer: parameter 'maxConnPerRoute' is ignored: FlinkX's REST "
                                + "client keeps its own connections (`connection.timeout`, `socket.timeout`)");

        // Without ids, documents get generated ids: no key.
        assertThat(
                        JsonJobTranslator.translate(
                                job(
                                        "streamreader",
                                        STREAM_READER,
                                        "eswriter",
                                        "{\"hosts\": \"localhost:9200\", \"index\": \"orders\"}"),
                                new ArrayList<>()))
                .doesNotContain("PRIMARY KEY")
                .contains("'index' = 'orders'\n);");
    }

    /** A binlog reader's changes upsert and delete the documents of its primary key. */
    @Test
    void esWriterKeysTheChangesOfABinlogReaderByItsPrimaryKey() throws Exception {
        String url = "jdbc:h2:mem:binlog_es;DB_CLOSE_DELAY=-1";
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
                                        + "\", \"table\": [\"SHOP.ORDERS\"]}",
                                "eswriter",
                                "{\"hosts\": [\"es:9200\"], \"index\": \"orders\", "
                                        + "\"column\": [\"id\", \"name\"]}"),
                        new ArrayList<>());

        assertThat(sql)
                .contains(
                        """
                        CREATE TABLE `writer` (
                          `id` INT,
                          `name` STRING,
                          PRIMARY KEY (`id`) NOT ENFORCED
                        ) WITH (""");
    }

    @Test
    void esKeysThatCannotBeHonouredFailNamingTheReason() {
        String hosts = "\"hosts\": [\"es:9200\"], \"index\": \"i\"";
        String column = ", \"column\": [{\"name\": \"id\", \"type\": \"long\"}]";
        assertThatThrownBy(() -> esToStream("{" + hosts + ", \"scroll\": \"1m\"" + column + "}"))
                .hasMessageContaining("esreader: unknown parameter 'scroll'")
                .hasMessageContaining(
                        "the parameters of esreader are address, batchSize, column, connectTimeout, "
                                + "document-type, hosts, index, keepAliveTime, maxConnPerRoute, parallelism, "
                                + "password, pathPrefix, query, requestTimeout, socketTimeout, sslConfig, "
                                + "timeout, type, username");
        assertThatThrownBy(() -> esToStream("{\"index\": \"i\"" + column + "}"))
                .hasMessageContaining(
                        "esreader: parameter 'hosts' (ChunJun) or 'address' (the older FlinkX) is required");
        assertThatThrownBy(() -> esToStream("{" + hosts + ", \"type\": \"type1\"" + column + "}"))
                .hasMessageContaining(
                        "esreader: type 'type1' is a mapping type, which Elasticsearch 7 and later do not "
                                + "have: FlinkX reads and writes the index's documents without one (remove 'type', "
                                + "or give '_doc')");
        assertThatThrownBy(() -> esToStream("{" + hosts + ", \"column\": [\"*\"]}"))
                .hasMessageContaining("esreader: 'column' must list the fields to read");
        assertThatThrownBy(
                        () -> esToStream("{" + hosts + ", \"query\": \"match_all\"" + column + "}"))
                .hasMessageContaining("esreader: query is not JSON");
        assertThatThrownBy(() -> esToStream("{" + hosts + ", \"query\": [1]" + column + "}"))
                .hasMessageContaining("esreader: query must be a query of the query DSL");
        assertThatThrownBy(
                        () ->
                                esToStream(
                                        "{"
                                                + hosts
                                                + ", \"column\": [{\"name\": \"ip\", \"type\": \"inet\"}]}"))
                .hasMessageContaining(
                        "esreader: column 'ip': unknown type 'inet'; the Elasticsearch types");
        assertThatThrownBy(() -> esToStream("{" + hosts + ", \"timeout\": \"10s\"" + column + "}"))
                .hasMessageContaining("esreader: timeout '10s' is not a positive whole number");
        assertThatThrownBy(
                        () ->
                                esToStream(
                                        "{"
                                                + hosts
                                                + ", \"sslConfig\": {\"type\": \"jks\"}"
                                                + column
                                                + "}"))
                .hasMessageContaining("esreader: sslConfig.type 'jks' is not one of ca, pkcs12");

        assertThatThrownBy(() -> streamToEs("{" + hosts + ", \"writeMode\": \"overwrite\"}"))
                .hasMessageContaining(
                        "eswriter: writeMode 'overwrite' is not translated: ChunJun deleted every document");
        assertThatThrownBy(() -> streamToEs("{" + hosts + ", \"semantic\": \"exactly-once\"}"))
                .hasMessageContaining(
                        "eswriter: semantic 'exactly-once' cannot be kept: Elasticsearch has no transactions");
        assertThatThrownBy(
                        () ->
                                streamToEs(
                                        "{"
                                                + hosts
                                                + ", \"idColumn\": [{\"value\": \"ffff\", \"type\": \"string\"}]}"))
                .hasMessageContaining(
                        "eswriter: idColumn {\"value\":\"ffff\",\"type\":\"string\"} is a constant");
        assertThatThrownBy(() -> streamToEs("{" + hosts + ", \"idColumn\": [{\"index\": 4}]}"))
                .hasMessageContaining(
                        "eswriter: idColumn index 4 is not a position in 'column': the writer has 4 columns "
                                + "[id, name, amount, at], from 0");
        assertThatThrownBy(() -> streamToEs("{" + hosts + ", \"ids\": [\"uid\"]}"))
                .hasMessageContaining(
                        "eswriter: ids names 'uid', which is not a column of the writer; its columns are "
                                + "[id, name, amount, at]");
        assertThatThrownBy(
                        () ->
                                streamToEs(
                                        "{"
                                                + hosts
                                                + ", \"column\": [\"id\", \"name\", \"amount\", "
                                                + "{\"name\": \"at\", \"type\": \"nested\"}]}"))
                .hasMessageContaining(
                        "eswriter: column 'at' has type 'nested': FlinkX writes a column's value as it is");
        assertThatThrownBy(
                        () -> streamToEs("{\"hosts\": [\"es:9200\"], \"index\": [\"a\", \"b\"]}"))
                .hasMessageContaining("eswriter: FlinkX writes one index");
        assertThatThrownBy(
                        () ->
                                JsonJobTranslator.translate(
                                        "{\"job\": {\"content\": [{\"reader\": {\"name\": \"streamreader\", "
                                                + "\"parameter\": "
                                                + STREAM_READER
                                                + "}, \"writer\": {\"name\": \"eswriter\", \"semantic\": "
                                                + "\"exactly-once\", \"parameter\": {"
                                                + hosts
                                                + "}}}]}}",
                                        new ArrayList<>()))
                .hasMessageContaining("eswriter: semantic 'exactly-once' cannot be kept");
    }

    private static String esToStream(String readerParameter) {
        return JsonJobTranslator.translate(
                job("esreader", readerParameter, "streamwriter", "{}"), new ArrayList<>());
    }

    private static String streamToEs(String writerParameter) {
        return JsonJobTranslator.translate(
                job("streamreader", STREAM_READER, "eswriter", writerParameter), new ArrayList<>());
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
