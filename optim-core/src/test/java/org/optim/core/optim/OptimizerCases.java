package org.optim.core.optim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.Function;
import org.optim.core.DType;
import org.optim.core.Optimizer;
import org.optim.core.problems.Toys;

/**
 * The one registry of optimizer cases every contract test runs over: a representative config of
 * each registered optimizer (and the variants whose code paths differ), the toy it runs on, and one
 * out-of-range hyperparameter with the range its error must name.
 */
public final class OptimizerCases {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One case.
     *
     * @param label      a readable test name
     * @param json       the optimizer object, as a manifest would hold it
     * @param toy        the problem it runs on
     * @param badField   a hyperparameter to break (a field of {@code hyperparameters})
     * @param badValue   an out-of-range value for it
     * @param allowed    the allowed range the error must name, as Check spells it
     */
    public record Case(String label, String json, Function<DType, Toys.Toy> toy, String badField, double badValue,
                       String allowed) {
        /** The optimizer object as a JSON tree. */
        public JsonNode node() {
            try {
                return JSON.readTree(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("bad case JSON " + label, e);
            }
        }

        /** The optimizer built through the registry. */
        public Optimizer optimizer() {
            return OptimizerRegistry.fromJson(node(), "");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private OptimizerCases() {
    }

    /** Every case, in a fixed order; together they cover every registered name. */
    public static List<Case> all() {
        return List.of(
                new Case("sgd-nesterov", """
                        {"name": "sgd", "hyperparameters": {"lr": 0.05, "momentum": 0.9, "nesterov": true,
                         "weight_decay": 0.01}}""", Toys::quadratic, "momentum", 1.0, "[0, 1)"),
                new Case("adam-amsgrad", """
                        {"name": "adam", "hyperparameters": {"lr": 0.05, "amsgrad": true, "weight_decay": 0.01}}""",
                        Toys::quadratic, "beta1", 1.2, "[0, 1)"),
                new Case("adam-keras-eps", """
                        {"name": "adam", "hyperparameters": {"lr": 0.05, "eps": 0.001, "eps_convention": "keras"}}""",
                        Toys::quadratic, "beta2", -0.5, "[0, 1)"),
                new Case("adamw", """
                        {"name": "adamw", "hyperparameters": {"lr": 0.05, "weight_decay": 0.1}}""",
                        Toys::quadratic, "weight_decay", -1, "[0, inf)"),
                new Case("adamp-nesterov-wd", """
                        {"name": "adamp", "hyperparameters": {"lr": 0.05, "nesterov": true, "weight_decay": 0.1}}""",
                        Toys::scaleInvariant, "wd_ratio", 1.5, "[0, 1]"),
                new Case("sgdp-momentum-wd", """
                        {"name": "sgdp", "hyperparameters": {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.01}}""",
                        Toys::scaleInvariant, "delta", -0.1, "[0, inf)"),
                new Case("sgdp-nesterov", """
                        {"name": "sgdp", "hyperparameters": {"lr": 0.1, "momentum": 0.9, "nesterov": true}}""",
                        Toys::scaleInvariant, "dampening", 2, "[0, 1]"),
                new Case("expectigrad", """
                        {"name": "expectigrad", "hyperparameters": {"lr": 0.05}}""",
                        Toys::quadratic, "beta", 1.0, "[0, 1)"),
                new Case("expectigrad-arxiv-v1", """
                        {"name": "expectigrad", "hyperparameters": {"lr": 0.05, "variant": "arxiv-v1"}}""",
                        Toys::quadratic, "eps", 0, "(0, inf)"),
                new Case("sam-sgdm", """
                        {"name": "sam", "hyperparameters": {"rho": 0.05},
                         "base": {"name": "sgd", "hyperparameters": {"lr": 0.05, "momentum": 0.9}}}""",
                        Toys::quadratic, "rho", -1, "[0, inf)"),
                new Case("asam-adam", """
                        {"name": "sam", "hyperparameters": {"rho": 0.5, "adaptive": true},
                         "base": {"name": "adam", "hyperparameters": {"lr": 0.05}}}""",
                        Toys::scaleInvariant, "rho", -0.001, "[0, inf)"));
    }
}
