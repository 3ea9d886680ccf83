package org.optim.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RaceTest {
    /** Runs a race in which way 0 takes {@code zero} ns and way 1 {@code one} ns, except where spiked. */
    private static Race run(long zero, long one, boolean spikeOne) {
        Race race = Race.timed();
        for (int call = 0; call < Race.WARM_UP + 2 * Race.TRIALS; call++) {
            assertThat(race.winner()).isEqualTo(-1);
            int way = race.next();
            assertThat(way).as("call %d alternates", call).isEqualTo(call % 2);
            // A few outliers of the faster way (a preempted call) must not decide the race.
            boolean spike = spikeOne && way == 1 && call % 16 == 1;
            race.record(way, way == 0 ? zero : spike ? 1000 * one : one);
        }
        return race;
    }

    @Test
    void choosesTheWayWithTheLowerMedianAndKeepsIt() {
        assertThat(run(100, 90, false).winner()).isEqualTo(1);
        assertThat(run(90, 100, false).winner()).isEqualTo(0);
        Race race = run(100, 90, true);
        assertThat(race.winner()).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            assertThat(race.next()).isEqualTo(1);
            race.record(1, 1_000_000);
        }
        assertThat(race.winner()).isEqualTo(1);
    }

    @Test
    void untimedCallsDoNotCount() {
        // Way 1 is far slower during the warm-up (running interpreted), faster afterwards.
        Race race = Race.timed();
        for (int call = 0; call < Race.WARM_UP + 2 * Race.TRIALS; call++) {
            int way = race.next();
            boolean warm = call >= Race.WARM_UP;
            race.record(way, way == 0 ? 100 : warm ? 80 : 100_000);
        }
        assertThat(race.winner()).isEqualTo(1);
    }

    @Test
    void aFixedRaceAlwaysTakesItsWay() {
        Race race = Race.fixed(1);
        for (int i = 0; i < Race.WARM_UP + 2 * Race.TRIALS + 5; i++) {
            assertThat(race.next()).isEqualTo(1);
            race.record(1, 5);
        }
        assertThat(Race.fixed(0).next()).isZero();
        assertThatThrownBy(() -> Race.fixed(2)).hasMessage("way must be 0 or 1, got 2");
    }
}
