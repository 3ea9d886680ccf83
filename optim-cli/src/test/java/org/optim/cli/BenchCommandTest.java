package org.optim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code optim bench}: a bad option is one line naming it and exit status 2, before any data is read. */
class BenchCommandTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(savedErr);
    }

    @ParameterizedTest
    @CsvSource({
        "--optimizer,rmsprop,'--optimizer must be one of adam, sam, adamp, expectigrad, got rmsprop'",
        "--epochs,0,'--epochs must be >= 1, got 0'",
        "--threads,0,'--threads must be >= 1, got 0'",
        "--kernel,gpu,'--kernel must be vector or scalar, got gpu'",
    })
    void badOptionIsOneLineAndExitTwo(String option, String value, String message) {
        assertThat(Main.run("bench", option, value)).isEqualTo(2);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().toList()).hasSize(1);
        assertThat(text).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
