package org.linuxfpsync.sync.tappattern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.featuresync.testing.FeatureBundle;

class TapPatternFeatureTest {

    @Test
    void itIsTheTapPatternRowAndSaysThatItSendsNothingOfItsOwn() {
        TapPatternFeature feature = new TapPatternFeature(FeatureBundle.context(() -> false));

        assertThat(feature.name()).isEqualTo("tap-pattern");
        assertThat(feature.owns()).startsWith("nothing of its own: while it runs, bpf sends its taps without");
        assertThat(feature.syncedObjects()).isZero();
    }
}
