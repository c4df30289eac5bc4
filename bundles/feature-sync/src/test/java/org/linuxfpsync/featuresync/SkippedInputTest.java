package org.linuxfpsync.featuresync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

/** What a sync reports of the input it skipped: the malformed count, and the refusals by reason. */
class SkippedInputTest {

    @Test
    void malformedRepliesAreCountedAndEachCountReturnsTheTotalForTheLogLine() {
        SkippedInput skipped = new SkippedInput();
        assertThat(skipped.malformed()).isZero();

        assertThat(skipped.countMalformed()).isEqualTo(1);
        assertThat(skipped.countMalformed()).isEqualTo(2);
        assertThat(skipped.malformed()).isEqualTo(2);
    }

    @Test
    void refusalsAreCountedByReasonAndReportedInReasonOrder() {
        SkippedInput skipped = new SkippedInput();
        assertThat(skipped.refused()).isEmpty();

        skipped.countRefused("xtables-table-too-large");
        skipped.countRefused(ObjectRefused.LOWER_IN_UNFOLLOWED_NAMESPACE);
        skipped.countRefused("xtables-table-too-large");

        assertThat(skipped.refused()).containsExactly(
                entry(ObjectRefused.LOWER_IN_UNFOLLOWED_NAMESPACE, 1L),
                entry("xtables-table-too-large", 2L));
        assertThat(skipped.malformed()).isZero();
    }
}
