package org.optim.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optim.core.DType;
import org.optim.core.Kernel;
import org.optim.core.Optimizer;
import org.optim.core.OptimizerState;
import org.optim.core.ParameterSet;
import org.optim.core.StepReport;
import org.optim.core.Tensor;
import org.optim.core.config.ConfigException;
import org.optim.core.problems.Toys;
import org.optim.core.schedule.Schedule;

/** Contracts every case of {@link OptimizerCases} gets, in both dtypes. */
class OptimizerContractTest {
    private static final int STEPS = 12;

    static Stream<Arguments> casesAndDtypes() {
        List<Arguments> out = new ArrayList<>();
        for (OptimizerCases.Case c : OptimizerCases.all()) {
            for (DType dt : DType.values()) {
                out.add(Arguments.of(c, dt));
            }
        }
        return out.stream();
    }

    static Stream<OptimizerCases.Case> cases() {
        return OptimizerCases.all().stream();
    }

    @Test
    void theCasesCoverEveryRegisteredOptimizer() {
        List<String> covered = OptimizerCases.all().stream().map(c -> c.node().get("name").asText()).distinct().toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(OptimizerRegistry.names());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void anOutOfRangeValueIsAnErrorNamingTheFieldAndItsRange(OptimizerCases.Case c) {
        ObjectNode node = (ObjectNode) c.node();
        ((ObjectNode) node.get("hyperparameters")).put(c.badField(), c.badValue());
        assertThatThrownBy(() -> OptimizerRegistry.fromJson(node, "/arms/0/optimizer"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("/arms/0/optimizer/hyperparameters/" + c.badField() + ": ")
                .hasMessageContaining(c.allowed())
                .satisfies(e -> assertThat(((ConfigException) e).pointer())
                        .isEqualTo("/arms/0/optimizer/hyperparameters/" + c.badField()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void anUnknownFieldIsAnErrorNamingIt(OptimizerCases.Case c) {
        ObjectNode node = (ObjectNode) c.node();
        ((ObjectNode) node.get("hyperparameters")).put("betta1", 0.9);
        assertThatThrownBy(() -> OptimizerRegistry.fromJson(node, ""))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("/hyperparameters/betta1: unknown field");
    }

    @ParameterizedTest
    @MethodSource("casesAndDtypes")
    void saveAndRestoreMidRunContinuesBitIdentically(OptimizerCases.Case c, DType dt) throws IOException {
        Optimizer opt = c.optimizer();
        Toys.Toy straight = c.toy().apply(dt);
        OptimizerState straightState = opt.init(straight.parameters());
        run(opt, straight, straightState, STEPS);

        Toys.Toy first = c.toy().apply(dt);
        OptimizerState firstState = opt.init(first.parameters());
        run(opt, first, firstState, STEPS / 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        firstState.writeTo(new DataOutputStream(bytes));
        List<Tensor> savedParams = first.parameters().snapshotValues();

        Toys.Toy resumed = c.toy().apply(dt);
        resumed.parameters().restoreValues(savedParams);
        OptimizerState restored = OptimizerState.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.bitwiseEquals(firstState)).isTrue();
        run(opt, resumed, restored, STEPS - STEPS / 2);

        assertThat(restored.bitwiseEquals(straightState)).as("state after resume").isTrue();
        assertBitwiseEqual(resumed.parameters(), straight.parameters());
    }

    @ParameterizedTest
    @MethodSource("casesAndDtypes")
    void sameInputsGiveTheSameBits(OptimizerCases.Case c, DType dt) {
        Toys.Toy a = c.toy().apply(dt);
        Toys.Toy b = c.toy().apply(dt);
        List<StepReport> ra = run(c.optimizer(), a, c.optimizer().init(a.parameters()), STEPS);
        List<StepReport> rb = run(c.optimizer(), b, c.optimizer().init(b.parameters()), STEPS);
        assertBitwiseEqual(a.parameters(), b.parameters());
        for (int t = 0; t < STEPS; t++) {
            assertThat(ra.get(t).diagnostics().asMap()).isEqualTo(rb.get(t).diagnostics().asMap());
            assertThat(Double.doubleToRawLongBits(ra.get(t).loss())).isEqualTo(Double.doubleToRawLongBits(rb.get(t).loss()));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void float32TracksFloat64AndBothDecreaseTheLoss(OptimizerCases.Case c) {
        Toys.Toy f32 = c.toy().apply(DType.FLOAT32);
        Toys.Toy f64 = c.toy().apply(DType.FLOAT64);
        List<StepReport> r32 = run(c.optimizer(), f32, c.optimizer().init(f32.parameters()), STEPS);
        List<StepReport> r64 = run(c.optimizer(), f64, c.optimizer().init(f64.parameters()), STEPS);
        for (int i = 0; i < f64.parameters().size(); i++) {
            Tensor x32 = f32.parameters().get(i).value();
            Tensor x64 = f64.parameters().get(i).value();
            assertThat(x32.dtype()).isEqualTo(DType.FLOAT32);
            for (int k = 0; k < x64.size(); k++) {
                assertThat(x32.get(k)).as("%s[%d]", f64.parameters().get(i).name(), k)
                        .isCloseTo(x64.get(k), org.assertj.core.data.Offset.offset(1e-4 + 1e-4 * Math.abs(x64.get(k))));
            }
        }
        double lossAfter = f64.oracle().evaluate(f64.parameters());
        assertThat(lossAfter).isLessThan(r64.get(0).loss());
        assertThat(r32.get(STEPS - 1).loss()).isLessThan(r32.get(0).loss());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theFastKernelEqualsTheScalarReferenceBitForBit(OptimizerCases.Case c) {
        Toys.Toy fast = Toys.wide(DType.FLOAT32);
        Toys.Toy reference = Toys.wide(DType.FLOAT32);
        Optimizer opt = c.optimizer();
        OptimizerState fastState = opt.init(fast.parameters());
        OptimizerState referenceState = opt.init(reference.parameters());
        List<StepReport> fastReports = run(opt, fast, fastState, STEPS, Kernel.FAST);
        List<StepReport> referenceReports = run(opt, reference, referenceState, STEPS, Kernel.REFERENCE);
        assertBitwiseEqual(fast.parameters(), reference.parameters());
        assertThat(fastState.bitwiseEquals(referenceState)).as("state").isTrue();
        for (int t = 0; t < STEPS; t++) {
            assertThat(fastReports.get(t).diagnostics().asMap()).isEqualTo(referenceReports.get(t).diagnostics().asMap());
        }
    }

    @Test
    void theTestJvmRunsTheVectorizedKernelSoTheComparisonAboveIsNotVacuous() {
        assertThat(Kernel.FAST.vectorized(DType.FLOAT32)).isTrue();
        assertThat(Kernel.REFERENCE.vectorized(DType.FLOAT32)).isFalse();
        assertThat(Kernel.FAST.vectorized(DType.FLOAT64)).isFalse();
    }

    @Test
    void theWideToyExercisesTheProjectionAndExactZeros() {
        Toys.Toy toy = Toys.wide(DType.FLOAT32);
        SGDP sgdp = new SGDP(new Schedule.Constant(0.1), 0.9, 0, 0, false, 1e-8, 0.1, 0.1);
        StepReport r = sgdp.step(toy.parameters(), sgdp.init(toy.parameters()), toy.oracle());
        assertThat(r.diagnostics().get("projection_view/W")).isEqualTo(Projection.View.CHANNEL.code());
        assertThat(r.diagnostics().get("projection/U")).isEqualTo(0.0);
        assertThat(toy.parameters().get("b").grad().get(5)).isZero();
    }

    static List<StepReport> run(Optimizer opt, Toys.Toy toy, OptimizerState state, int steps) {
        return run(opt, toy, state, steps, Kernel.FAST);
    }

    static List<StepReport> run(Optimizer opt, Toys.Toy toy, OptimizerState state, int steps, Kernel kernel) {
        List<StepReport> reports = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            reports.add(opt.step(toy.parameters(), state, toy.oracle(), kernel));
        }
        return reports;
    }

    static void assertBitwiseEqual(ParameterSet actual, ParameterSet expected) {
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).value().bitwiseEquals(expected.get(i).value()))
                    .as("parameter %s", expected.get(i).name()).isTrue();
        }
    }
}
