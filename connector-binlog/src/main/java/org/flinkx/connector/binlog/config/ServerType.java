package org.flinkx.connector.binlog.config;

import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

import static org.apache.flink.configuration.description.TextElement.text;

/** {@code server-type}: which Debezium connector reads the binlog. */
public enum ServerType implements DescribedEnum {
    AUTO("auto"),
    MARIADB("mariadb"),
    MYSQL("mysql");

    private final String name;

    ServerType(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public InlineElement getDescription() {
        return text(name);
    }
}
