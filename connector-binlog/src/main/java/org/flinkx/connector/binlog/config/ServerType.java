package org.flinkx.connector.binlog.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** {@code server-type}: which Debezium connector reads the binlog. */
@PublicEvolving
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
