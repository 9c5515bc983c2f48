package io.freshet.query.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerPrincipalsTest {

    @Test
    void parsesACommaSeparatedListTrimmingBlanks() {
        assertThat(CallerPrincipals.parse(" alice , group:hr,, ")).containsExactlyInAnyOrder("alice", "group:hr");
    }

    @Test
    void noHeaderMeansNoPrincipals() {
        assertThat(CallerPrincipals.parse(null)).isEmpty();
        assertThat(CallerPrincipals.parse("  ")).isEmpty();
    }
}
