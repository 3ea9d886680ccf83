package org.optim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Plain lines at each quarter off a terminal; one rewritten line on a terminal. */
class ConsoleProgressTest {
    private static String show(boolean terminal) {
        StringWriter s = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(s), terminal);
        for (long done = 0; done <= 4_000_000; done += 100_000) {
            p.transfer("GET x", done, 4_000_000);
        }
        p.message("done");
        return s.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void plainOutputIsOneLinePerQuarter() {
        assertThat(show(false)).isEqualTo("GET x:   0% (0.0 of 4.0 MB)\nGET x:  25% (1.0 of 4.0 MB)\n"
                + "GET x:  50% (2.0 of 4.0 MB)\nGET x:  75% (3.0 of 4.0 MB)\nGET x: 100% (4.0 of 4.0 MB)\ndone\n");
    }

    @Test
    void terminalOutputRewritesOneLineAndEndsItBeforeTheNextMessage() {
        String out = show(true);
        assertThat(out).startsWith("\rGET x:   0% (0.0 of 4.0 MB)\rGET x:   2% (0.1 of 4.0 MB)")
                .endsWith("\rGET x: 100% (4.0 of 4.0 MB)\ndone\n");
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(2);
    }
}
