package org.flinkx.connector.hdfs.format;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.hdfs.config.Compression;
import org.flinkx.connector.hdfs.config.FileFormat;

/** Builds the reader and writer of a {@link FileFormat} for a table. */
@Internal
public final class HdfsFormats {

    /** Settings of the 'text' format. */
    public record TextSettings(char delimiter, String nullLiteral, String charset)
            implements Serializable {
        public static TextSettings hive() {
            return new TextSettings('\u0001', "\\N", "UTF-8");
        }
    }

    /**
     * @param lineSchema the serialization of csv and json (from Flink's format factories); unused
     *     by the other formats
     */
    public static FileWriterFormat writer(
            FileFormat format,
            RowType tableType,
            List<String> partitionKeys,
            Compression compression,
            TextSettings text,
            Map<String, String> columnarOptions,
            @Nullable SerializationSchema<RowData> lineSchema) {
        RowType dataType = dataType(tableType, partitionKeys);
        switch (format) {
            case TEXT:
                return FileWriterFormat.lines(
                        textCodec(dataType, text), compression, format.extension());
            case CSV:
            case JSON:
                return FileWriterFormat.lines(
                        LineEncoder.of(require(lineSchema, format)),
                        compression,
                        format.extension());
            case PARQUET:
                return ColumnarFormat.parquet(
                        tableType, partitionKeys, all(tableType), columnarOptions, compression);
            case ORC:
                return ColumnarFormat.orc(
                        tableType, partitionKeys, all(tableType), columnarOptions, compression);
            default:
                throw new IllegalArgumentException("Unknown format " + format);
        }
    }

    /**
     * @param producedFields the columns to read, as indices into {@code tableType}
     * @param lineSchema the deserialization of csv and json into the non-partition columns
     */
    public static FileReaderFormat reader(
            FileFormat format,
            RowType tableType,
            List<String> partitionKeys,
            int[] producedFields,
            TextSettings text,
            Map<String, String> columnarOptions,
            @Nullable DeserializationSchema<RowData> lineSchema) {
        RowType dataType = dataType(tableType, partitionKeys);
        switch (format) {
            case TEXT:
                return new LineReaderFormat(
                        textCodec(dataType, text), tableType, partitionKeys, producedFields);
            case CSV:
            case JSON:
                return new LineReaderFormat(
                        LineDecoder.of(require(lineSchema, format)),
                        tableType,
                        partitionKeys,
                        producedFields);
            case PARQUET:
                return ColumnarFormat.parquet(
                        tableType,
                        partitionKeys,
                        producedFields,
                        columnarOptions,
                        Compression.NONE);
            case ORC:
                return ColumnarFormat.orc(
                        tableType,
                        partitionKeys,
                        producedFields,
                        columnarOptions,
                        Compression.NONE);
            default:
                throw new IllegalArgumentException("Unknown format " + format);
        }
    }

    private static DelimitedTextCodec textCodec(RowType dataType, TextSettings text) {
        return new DelimitedTextCodec(
                dataType, text.delimiter(), text.nullLiteral(), text.charset());
    }

    private static <T> T require(@Nullable T schema, FileFormat format) {
        if (schema == null) {
            throw new IllegalArgumentException(
                    "Format '"
                            + format
                            + "' needs the serialization schema of Flink's '"
                            + format
                            + "' format for the table's non-partition columns.");
        }
        return schema;
    }

    /** The non-partition columns, in table order: what the data files hold. */
    public static RowType dataType(RowType tableType, List<String> partitionKeys) {
        List<RowType.RowField> fields = new ArrayList<>();
        for (RowType.RowField field : tableType.getFields()) {
            if (!partitionKeys.contains(field.getName())) {
                fields.add(field);
            }
        }
        return new RowType(fields);
    }

    private static int[] all(RowType type) {
        int[] fields = new int[type.getFieldCount()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = i;
        }
        return fields;
    }

    private HdfsFormats() {}
}
