package org.flinkx.connector.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableNamesTest {

    @Test
    void unquotedPartsAreTakenAsWritten() {
        assertThat(TableNames.parts("orders")).containsExactly("orders");
        assertThat(TableNames.parts("shop.Orders")).containsExactly("shop", "Orders");
        assertThat(TableNames.parts("a\"b.c`d")).containsExactly("a\"b", "c`d");
        assertThat(TableNames.list(" a, b.c ,,")).containsExactly("a", "b.c");
    }

    @Test
    void quotedPartsMayHoldDotsCommasAndQuotes() {
        assertThat(TableNames.parts("\"public\".\"dot.ted\"")).containsExactly("public", "dot.ted");
        assertThat(TableNames.parts("public.\"we\"\"ird; x\""))
                .containsExactly("public", "we\"ird; x");
        assertThat(TableNames.parts("`shop`.`or``ders, x`")).containsExactly("shop", "or`ders, x");
        assertThat(TableNames.parts(" \"a\" . b")).containsExactly("a", " b");
        assertThat(TableNames.list("\"a,b\".c, `d,e`")).containsExactly("\"a,b\".c", "`d,e`");
    }

    @Test
    void dialectsQuoteTheParts() {
        assertThat(new MySqlDialect().quoteQualified("\"shop\".\"or`ders\""))
                .isEqualTo("`shop`.`or``ders`");
        assertThat(new PostgresDialect().quoteQualified("public.\"dot.ted\""))
                .isEqualTo("\"public\".\"dot.ted\"");
        assertThat(new PostgresDialect().quoteQualified("`we\"ird`")).isEqualTo("\"we\"\"ird\"");
    }

    @Test
    void aQuoteThatDoesNotCloseAPartIsPartOfAPlainName() {
        assertThat(TableNames.parts("public.\"x")).containsExactly("public", "\"x");
        assertThat(TableNames.parts("\"a\"b.c")).containsExactly("\"a\"b", "c");
        assertThat(TableNames.list("`open, x")).containsExactly("`open", "x");
    }

    @Test
    void emptyPartsAndListsWhereOneNameIsExpectedAreRejected() {
        assertThatThrownBy(() -> TableNames.parts("a..b"))
                .hasMessageContaining("empty part")
                .hasMessageContaining("a..b");
        assertThatThrownBy(() -> TableNames.parts("a.")).hasMessageContaining("empty part");
        assertThatThrownBy(() -> TableNames.parts("a,b")).hasMessageContaining("list of tables");
    }
}
