package org.flinkx.connector.binlog.source;

import org.apache.kafka.connect.source.SourceRecord;

/** A change event and when the engine handed it over (for the fetch lag). */
record FetchedRecord(SourceRecord record, long fetchedAtMillis) {}
