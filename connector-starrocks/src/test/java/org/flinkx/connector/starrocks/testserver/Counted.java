package org.flinkx.connector.starrocks.testserver;

import java.math.BigInteger;

/** The rows a {@link TableModel#COUNTING} table took: how many, and their first column's sum. */
public record Counted(long rows, BigInteger firstColumnSum) {}
