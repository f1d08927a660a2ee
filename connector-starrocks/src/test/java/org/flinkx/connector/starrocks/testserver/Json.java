package org.flinkx.connector.starrocks.testserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The one Jackson mapper of the test server. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static boolean isValid(String text) {
        try {
            MAPPER.readTree(text);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    static String write(Map<String, ?> value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
