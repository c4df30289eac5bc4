package org.linuxfpsync.fpxdp.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ShowCommandTest {
    @Test
    void withoutFpXdpRunningItSaysSoAndWhatIsMissing() {
        ShowCommand c = new ShowCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        c.execute();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("fp-xdp is not running (is etc/org.linuxfpsync.fpxdp.cfg there?)\n");
    }
}
