package org.optim.experiments.conformance;

import static org.optim.experiments.conformance.CaseJson.array;
import static org.optim.experiments.conformance.CaseJson.at;
import static org.optim.experiments.conformance.CaseJson.integer;
import static org.optim.experiments.conformance.CaseJson.number;
import static org.optim.experiments.conformance.CaseJson.numbers;
import static org.optim.experiments.conformance.CaseJson.perParameter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.config.ConfigException;
import org.optim.core.config.ConfigReader;
import org.optim.core.problems.GradientStream;
import org.optim.core.problems.Quadratic;
import org.optim.core.problems.Rosenbrock;
import org.optim.core.problems.ScaleInvariant;

/**
 * Reads the {@code problem} object of a reference file (section 4 of {@code reference/README.md})
 * into the project's own problem definitions: the toy objectives of {@code org.optim.core.problems}
 * and the MLP of optim-nn. Each kind checks its data against the parameter list; an unknown kind is
 * an error naming the kinds this project supports.
 */
final class ReferenceProblems {
    /** The supported kinds, in the order of the README. */
    static final List<String> KINDS = List.of("gradient-stream", "quadratic", "rosenbrock", "scale-invariant", "mlp");
    private static final int MAX_SIZE = 1 << 24;

    private ReferenceProblems() {
    }

    /** A problem whose oracle is the same at every step. */
    private record Static(String kind, GradientOracle oracle) implements ReferenceProblem {
        @Override
        public GradientOracle oracle(int t) {
            return oracle;
        }
    }

    static ReferenceProblem read(ConfigReader p, List<InitialParameter> initial, int numSteps, DType dtype) {
        String kind = p.string("kind");
        p.string("definition", "");
        ReferenceProblem problem = switch (kind) {
            case "gradient-stream" -> gradientStream(p, initial, numSteps, dtype);
            case "quadratic" -> new Static(kind, quadratic(p, initial, dtype));
            case "rosenbrock" -> new Static(kind, rosenbrock(p, initial, dtype));
            case "scale-invariant" -> new Static(kind, scaleInvariant(p, initial, dtype));
            case "mlp" -> MlpProblem.read(p, initial, dtype);
            default -> throw new ConfigException(p.pointer("kind"), "unsupported problem kind \"" + kind
                    + "\"; supported: " + String.join(", ", KINDS));
        };
        p.finish();
        return problem;
    }

    /** The kinds on one parameter need exactly one, of {@code size} entries. */
    private static void singleParameter(ConfigReader p, List<InitialParameter> initial, int size, String what) {
        if (initial.size() != 1 || initial.get(0).numel() != size) {
            throw new ConfigException(p.pointer("kind"), what + " needs exactly one parameter of " + size
                    + " entries, /initial has " + initial);
        }
    }

    private static Quadratic quadratic(ConfigReader p, List<InitialParameter> initial, DType dtype) {
        int n = integer(p.raw("n"), p.pointer("n"), 1, 1 << 12);
        double[] a = numbers(p.raw("A"), p.pointer("A"), n * n, dtype);
        double[] b = numbers(p.raw("b"), p.pointer("b"), n, dtype);
        singleParameter(p, initial, n, "quadratic of n = " + n);
        return new Quadratic(n, a, b);
    }

    private static Rosenbrock rosenbrock(ConfigReader p, List<InitialParameter> initial, DType dtype) {
        double a = number(p.raw("a"), p.pointer("a"), dtype);
        double b = number(p.raw("b"), p.pointer("b"), dtype);
        singleParameter(p, initial, 2, "rosenbrock");
        return new Rosenbrock(a, b);
    }

    private static ScaleInvariant scaleInvariant(ConfigReader p, List<InitialParameter> initial, DType dtype) {
        JsonNode terms = array(p.raw("terms"), p.pointer("terms"), initial.size());
        List<ScaleInvariant.Term> out = new ArrayList<>(initial.size());
        for (int k = 0; k < initial.size(); k++) {
            ConfigReader t = new ConfigReader(terms.get(k), at(p.pointer("terms"), k));
            InitialParameter param = initial.get(k);
            String name = t.string("param");
            if (!name.equals(param.name())) {
                throw new ConfigException(t.pointer("param"), "terms follow the parameter order: expected \""
                        + param.name() + "\", got \"" + name + "\"");
            }
            ScaleInvariant.Normalization normalization;
            try {
                normalization = ScaleInvariant.Normalization.fromLabel(t.string("normalization"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(t.pointer("normalization"), e.getMessage());
            }
            if (normalization == ScaleInvariant.Normalization.ROW && param.shape().length != 2) {
                throw new ConfigException(t.pointer("normalization"), "row normalization needs a 2-D parameter, "
                        + param.name() + " has shape " + Arrays.toString(param.shape()));
            }
            int n = param.numel();
            if ((long) n * n > MAX_SIZE) {
                throw new ConfigException(t.pointer("A"), "a " + n + " x " + n + " matrix is too large");
            }
            double[] a = numbers(t.raw("A"), t.pointer("A"), n * n, dtype);
            double[] b = numbers(t.raw("b"), t.pointer("b"), n, dtype);
            t.finish();
            out.add(new ScaleInvariant.Term(name, normalization, a, b));
        }
        return new ScaleInvariant(out);
    }

    private static ReferenceProblem gradientStream(ConfigReader p, List<InitialParameter> initial, int numSteps,
                                                   DType dtype) {
        JsonNode node = array(p.raw("gradients"), p.pointer("gradients"), -1);
        if (node.size() < numSteps) {
            throw new ConfigException(p.pointer("gradients"), "has " + node.size() + " steps, num_steps is " + numSteps);
        }
        List<List<double[]>> gradients = new ArrayList<>(node.size());
        for (int t = 0; t < node.size(); t++) {
            gradients.add(perParameter(node.get(t), at(p.pointer("gradients"), t), initial, dtype));
        }
        GradientStream stream = new GradientStream(gradients);
        return new ReferenceProblem() {
            @Override
            public String kind() {
                return "gradient-stream";
            }

            /** Step t's gradient at every evaluation, so a second (SAM) evaluation sees the same one. */
            @Override
            public GradientOracle oracle(int t) {
                return parameters -> {
                    stream.seek(t - 1);
                    return stream.evaluate(parameters);
                };
            }
        };
    }
}
