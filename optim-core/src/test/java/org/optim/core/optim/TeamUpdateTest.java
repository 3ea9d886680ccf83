package org.optim.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optim.core.DType;
import org.optim.core.Diagnostics;
import org.optim.core.FirstOrderOptimizer;
import org.optim.core.Optimizer;
import org.optim.core.OptimizerState;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Team;
import org.optim.core.Tensor;
import org.optim.core.schedule.Schedule;

/** An update split among a team of threads gives the bits of the caller alone. */
class TeamUpdateTest {
    /** Each member on its own new thread; records that every member ran. */
    private static final class Threads implements Team {
        private final int size;
        private int runs;

        Threads(int size) {
            this.size = size;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void run(IntConsumer job) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int member = i;
                threads.add(new Thread(() -> job.accept(member)));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            runs++;
        }
    }

    /**
     * A 300 x 701 weight (split among the team, with more than one block of sums and a tail that is
     * no multiple of any vector) and a small bias.
     */
    private static ParameterSet parameters(Team team) {
        SplittableRandom r = new SplittableRandom(5);
        Parameter w = Parameter.of("w", Tensor.zeros(DType.FLOAT32, 300, 701));
        Parameter b = Parameter.of("b", Tensor.zeros(DType.FLOAT32, 10));
        for (Parameter p : List.of(w, b)) {
            for (int k = 0; k < p.value().size(); k++) {
                p.value().set(k, r.nextDouble(-1, 1));
            }
        }
        return new ParameterSet(List.of(w, b), team);
    }

    /** The first-order optimizers, each in its variants that take different paths. */
    static List<FirstOrderOptimizer> optimizers() {
        Schedule lr = new Schedule.Constant(1e-3);
        return List.of(new Adam(lr, 0.9, 0.999, 1e-8, 0.01, false, Adam.WeightDecay.L2),
                new Adam(lr, 0.9, 0.999, 1e-8, 0.01, true, Adam.WeightDecay.L2),
                new SGD(lr, 0, 0, 0, false), new SGD(lr, 0.9, 0, 0.01, true),
                new Expectigrad(lr, 0, 1e-8, true), new Expectigrad(lr, 0.9, 1e-8, false),
                // AdamP also shares its rows' cosines and the blocks of its layer view's sums.
                new AdamP(lr, 0.9, 0.999, 1e-8, 0.01, 0.1, 0.1, true));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void anUpdateOnATeamOfThreeEqualsTheUpdateAloneBitForBit(FirstOrderOptimizer opt) {
        Twins twins = new Twins(opt, 3);
        for (int t = 0; t < 3; t++) {
            Diagnostics d1 = new Diagnostics();
            Diagnostics d2 = new Diagnostics();
            randomGradients(twins.shared, t);
            randomGradients(twins.alone, t);
            opt.apply(twins.shared, twins.sharedState, 1e-3, d1);
            opt.apply(twins.alone, twins.aloneState, 1e-3, d2);
            assertThat(d1.asMap()).isEqualTo(d2.asMap());
        }
        assertThat(twins.team.runs).as("the large parameter was split").isGreaterThanOrEqualTo(3);
        twins.assertBitwiseEqual();
    }

    /** The same parameters and optimizer state twice: updated on a team, and by the caller alone. */
    private static final class Twins {
        final Threads team;
        final ParameterSet shared;
        final ParameterSet alone;
        final OptimizerState sharedState;
        final OptimizerState aloneState;

        Twins(Optimizer opt, int threads) {
            team = new Threads(threads);
            shared = parameters(team);
            alone = parameters(Team.SOLO);
            sharedState = opt.init(shared);
            aloneState = opt.init(alone);
        }

        void assertBitwiseEqual() {
            OptimizerContractTest.assertBitwiseEqual(shared, alone);
            assertThat(sharedState.bitwiseEquals(aloneState)).isTrue();
        }
    }

    /** A gradient that depends on the weights (so SAM's second evaluation sees the perturbation): g = w^3 - 0.1. */
    private static double cubic(ParameterSet ps) {
        double loss = 0;
        for (Parameter p : ps) {
            for (int k = 0; k < p.value().size(); k++) {
                double w = p.value().get(k);
                p.grad().set(k, w * w * w - 0.1);
                loss += w * w * w * w / 4 - 0.1 * w;
            }
        }
        return loss;
    }

    @Test
    void samOverAdamOnATeamEqualsSamAloneBitForBit() {
        for (boolean adaptive : new boolean[] {false, true}) {
            SAM sam = new SAM(new Adam(new Schedule.Constant(1e-2), 0.9, 0.999, 1e-8, 0, false, Adam.WeightDecay.L2), 0.05,
                    adaptive);
            Twins twins = new Twins(sam, 2);
            for (int t = 0; t < 3; t++) {
                assertThat(sam.step(twins.shared, twins.sharedState, TeamUpdateTest::cubic).diagnostics().asMap())
                        .isEqualTo(sam.step(twins.alone, twins.aloneState, TeamUpdateTest::cubic).diagnostics().asMap());
            }
            assertThat(twins.team.runs).as("norms, ascent and update split").isPositive();
            twins.assertBitwiseEqual();
        }
    }

    private static void randomGradients(ParameterSet ps, int t) {
        SplittableRandom r = new SplittableRandom(t);
        for (Parameter p : ps) {
            for (int k = 0; k < p.grad().size(); k++) {
                p.grad().set(k, r.nextInt(9) == 0 ? 0.0 : r.nextDouble(-1, 1));
            }
        }
    }
}
