package org.optim.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.Diagnostics;
import org.optim.core.FirstOrderOptimizer;
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

    /** A large weight (split among the team) with a tail that is no multiple of any vector, and a small bias. */
    private static ParameterSet parameters(Team team) {
        SplittableRandom r = new SplittableRandom(3);
        List<Parameter> list = new ArrayList<>();
        for (int size : new int[] {100_003, 10}) {
            Parameter p = Parameter.of("p" + size, Tensor.zeros(DType.FLOAT32, size));
            for (int k = 0; k < size; k++) {
                p.value().set(k, r.nextDouble(-1, 1));
            }
            list.add(p);
        }
        return new ParameterSet(list, team);
    }

    private static void step(FirstOrderOptimizer opt, ParameterSet ps, OptimizerState state, int t) {
        SplittableRandom r = new SplittableRandom(t);
        for (Parameter p : ps) {
            for (int k = 0; k < p.grad().size(); k++) {
                p.grad().set(k, r.nextInt(9) == 0 ? 0.0 : r.nextDouble(-1, 1));
            }
        }
        opt.apply(ps, state, 1e-3, new Diagnostics());
    }

    @Test
    void adamOnATeamOfThreeEqualsAdamAloneBitForBit() {
        for (boolean amsgrad : new boolean[] {false, true}) {
            Adam adam = new Adam(new Schedule.Constant(1e-3), 0.9, 0.999, 1e-8, 0.01, amsgrad, Adam.WeightDecay.L2);
            Threads team = new Threads(3);
            ParameterSet shared = parameters(team);
            ParameterSet alone = parameters(Team.SOLO);
            OptimizerState s1 = adam.init(shared);
            OptimizerState s2 = adam.init(alone);
            for (int t = 0; t < 3; t++) {
                step(adam, shared, s1, t);
                step(adam, alone, s2, t);
            }
            assertThat(team.runs).as("the large parameter was split").isEqualTo(3);
            OptimizerContractTest.assertBitwiseEqual(shared, alone);
            assertThat(s1.bitwiseEquals(s2)).isTrue();
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
            Threads team = new Threads(2);
            ParameterSet shared = parameters(team);
            ParameterSet alone = parameters(Team.SOLO);
            OptimizerState s1 = sam.init(shared);
            OptimizerState s2 = sam.init(alone);
            for (int t = 0; t < 3; t++) {
                assertThat(sam.step(shared, s1, TeamUpdateTest::cubic).diagnostics().asMap())
                        .isEqualTo(sam.step(alone, s2, TeamUpdateTest::cubic).diagnostics().asMap());
            }
            assertThat(team.runs).as("restore and update split").isPositive();
            OptimizerContractTest.assertBitwiseEqual(shared, alone);
            assertThat(s1.bitwiseEquals(s2)).isTrue();
        }
    }
}
