package org.optim.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import org.optim.core.config.Check;
import org.optim.core.config.ConfigException;
import org.optim.core.config.ConfigReader;
import org.optim.core.config.InvalidFieldException;

/**
 * A learning rate as a function of the number of completed optimizer steps {@code k} (0 before
 * the first step), evaluated in double as PyTorch's schedulers do.
 *
 * <p>JSON: a number is a constant rate; an object selects a schedule by {@code schedule}:
 * <pre>
 * 0.001
 * {"schedule": "step",   "lr": 0.1, "step_size": 1000, "gamma": 0.1}
 * {"schedule": "cosine", "lr": 0.1, "total_steps": 10000, "min_lr": 0.0}
 * {"schedule": "warmup", "warmup_steps": 500, "then": 0.1}
 * </pre>
 */
public sealed interface Schedule permits Schedule.Constant, Schedule.Step, Schedule.Cosine, Schedule.Warmup {

    /** The learning rate for the step taken after {@code k} completed steps. */
    double at(long k);

    /** The rate at step 0 (what a plain {@code lr} hyperparameter means). */
    default double initial() {
        return at(0);
    }

    /** {@code lr} for every step. */
    record Constant(double lr) implements Schedule {
        public Constant {
            Check.nonNegative("lr", lr);
        }

        @Override
        public double at(long k) {
            return lr;
        }
    }

    /**
     * {@code lr * gamma^floor(k / stepSize)}, as {@code torch.optim.lr_scheduler.StepLR} stepped once
     * per optimizer step.
     */
    record Step(double lr, long stepSize, double gamma) implements Schedule {
        public Step {
            Check.nonNegative("lr", lr);
            Check.atLeastOne("step_size", stepSize);
            Check.positive("gamma", gamma);
        }

        @Override
        public double at(long k) {
            return lr * Math.pow(gamma, (double) (k / stepSize));
        }
    }

    /**
     * {@code minLr + (lr - minLr) * (1 + cos(pi * min(k, T) / T)) / 2}: the closed form of
     * {@code CosineAnnealingLR} (Loshchilov &amp; Hutter, SGDR, arXiv 1608.03983) without restarts.
     */
    record Cosine(double lr, long totalSteps, double minLr) implements Schedule {
        public Cosine {
            Check.nonNegative("lr", lr);
            Check.atLeastOne("total_steps", totalSteps);
            Check.nonNegative("min_lr", minLr);
            Check.require(minLr <= lr, "min_lr", "must be at most lr (" + lr + "), got " + minLr);
        }

        @Override
        public double at(long k) {
            double progress = (double) Math.min(k, totalSteps) / totalSteps;
            return minLr + (lr - minLr) * (1 + Math.cos(Math.PI * progress)) / 2;
        }
    }

    /**
     * Linear warm-up (Goyal et al., arXiv 1706.02677): {@code then.at(0) * (k + 1) / warmupSteps}
     * for the first {@code warmupSteps} steps, then {@code then} with its clock started after the warm-up.
     */
    record Warmup(long warmupSteps, Schedule then) implements Schedule {
        public Warmup {
            Check.atLeastOne("warmup_steps", warmupSteps);
        }

        @Override
        public double at(long k) {
            return k < warmupSteps ? then.at(0) * (k + 1) / warmupSteps : then.at(k - warmupSteps);
        }
    }

    /** Reads a schedule from JSON (a number or an object, see the class comment). */
    static Schedule fromJson(JsonNode node, String pointer) {
        if (node != null && node.isNumber()) {
            try {
                return new Constant(node.doubleValue());
            } catch (InvalidFieldException e) {
                throw new ConfigException(pointer, e.getMessage());
            }
        }
        ConfigReader r = new ConfigReader(node, pointer);
        String kind = r.string("schedule");
        try {
            Schedule s = switch (kind) {
                case "constant" -> new Constant(r.number("lr"));
                case "step" -> new Step(r.number("lr"), r.integer("step_size"), r.number("gamma"));
                case "cosine" -> new Cosine(r.number("lr"), r.integer("total_steps"), r.number("min_lr", 0.0));
                case "warmup" -> new Warmup(r.integer("warmup_steps"), fromJson(r.raw("then"), r.pointer("then")));
                default -> throw new ConfigException(r.pointer("schedule"),
                        "unknown schedule \"" + kind + "\"; expected one of constant, step, cosine, warmup");
            };
            r.finish();
            return s;
        } catch (InvalidFieldException e) {
            throw new ConfigException(r.pointer(e.field()), e.getMessage());
        }
    }
}
