package org.optim.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final List<RunSpec> runs = RunFolders.plan(2, "reddi-online");

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesHaveNoControlCharacters() {
        Progress p = new Progress(err, false, runs.size(), 6, 1);
        p.epochDone(runs.get(0), 1, 0.5);
        p.runDone(runs.get(0), "complete (2 epochs)");
        assertThat(text()).isEqualTo("optim run: [1/3] " + runs.get(0).label() + " complete (2 epochs)\n");
        assertThat(text()).doesNotContain("\r").doesNotContain("\033");
    }

    @Test
    void aTerminalGetsABarRedrawnInPlaceWithAnEta() throws InterruptedException {
        Progress p = new Progress(err, true, runs.size(), 6, 1);
        Thread.sleep(250);
        p.epochDone(runs.get(0), 1, 2.0);
        assertThat(text()).startsWith("\r\033[K[").contains("] 0/3 runs  reddi-online/adam seed 0 epoch 1/2")
                .contains("ETA 0h00m10s");
        p.runDone(runs.get(0), "complete (2 epochs)");
        assertThat(text()).contains("\r\033[Koptim run: [1/3] ").contains("[########................] 1/3 runs");
    }
}
