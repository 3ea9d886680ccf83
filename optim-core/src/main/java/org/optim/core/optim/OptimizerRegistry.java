package org.optim.core.optim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optim.core.FirstOrderOptimizer;
import org.optim.core.Optimizer;
import org.optim.core.config.Check;
import org.optim.core.config.ConfigException;
import org.optim.core.config.ConfigReader;
import org.optim.core.config.InvalidFieldException;
import org.optim.core.schedule.Schedule;

/**
 * The one map from logical optimizer names to configs. An optimizer object in JSON is
 * <pre>
 * {"name": "adam", "hyperparameters": {"lr": 0.001, "beta1": 0.9}}
 * {"name": "sam", "hyperparameters": {"rho": 0.05}, "base": {"name": "sgd", "hyperparameters": {...}}}
 * </pre>
 * Hyperparameters are named as in the reference trajectories ({@code ../shared/reference/}); every
 * field left out takes the default of the official constructor, written here and nowhere else.
 * An unknown name or field, a wrong type or an out-of-range value is a {@link ConfigException}
 * naming the JSON pointer and the allowed range.
 */
public final class OptimizerRegistry {

    /** Builds an optimizer from its hyperparameters (and, for SAM, the enclosing optimizer object). */
    @FunctionalInterface
    private interface Factory {
        Optimizer create(ConfigReader hyperparameters, ConfigReader optimizerObject);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        // torch.optim.SGD(params, lr=required, momentum=0, dampening=0, weight_decay=0, nesterov=False)
        FACTORIES.put("sgd", (h, o) -> new SGD(lr(h, null), h.number("momentum", 0), h.number("dampening", 0),
                h.number("weight_decay", 0), h.bool("nesterov", false)));
        // torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False)
        FACTORIES.put("adam", (h, o) -> adam(h, 0.0, Adam.WeightDecay.L2));
        // torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False)
        FACTORIES.put("adamw", (h, o) -> adam(h, 1e-2, Adam.WeightDecay.DECOUPLED));
        // clovaai/AdamP AdamP(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, delta=0.1,
        //                     wd_ratio=0.1, nesterov=False)
        FACTORIES.put("adamp", (h, o) -> new AdamP(lr(h, 1e-3), h.number("beta1", 0.9), h.number("beta2", 0.999),
                h.number("eps", 1e-8), h.number("weight_decay", 0), h.number("delta", 0.1), h.number("wd_ratio", 0.1),
                h.bool("nesterov", false)));
        // clovaai/AdamP SGDP(params, lr=required, momentum=0, dampening=0, weight_decay=0, nesterov=False,
        //                    eps=1e-8, delta=0.1, wd_ratio=0.1)
        FACTORIES.put("sgdp", (h, o) -> new SGDP(lr(h, null), h.number("momentum", 0), h.number("dampening", 0),
                h.number("weight_decay", 0), h.bool("nesterov", false), h.number("eps", 1e-8), h.number("delta", 0.1),
                h.number("wd_ratio", 0.1)));
        // brett-daley/expectigrad Expectigrad(params, lr=0.001, beta=0.9, eps=1e-8, sparse_counter=True);
        // "variant": "arxiv-v1" selects the first arXiv version (beta 0, dense counter).
        FACTORIES.put("expectigrad", (h, o) -> expectigrad(h));
        // davda54/sam SAM(params, base_optimizer, rho=0.05, adaptive=False, **base_kwargs)
        FACTORIES.put("sam", OptimizerRegistry::sam);
    }

    private OptimizerRegistry() {
    }

    /** The registered names, in registration order. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** Reads the optimizer object {@code node} found at {@code pointer}. */
    public static Optimizer fromJson(JsonNode node, String pointer) {
        ConfigReader object = new ConfigReader(node, pointer);
        String name = object.string("name");
        Factory factory = FACTORIES.get(name);
        if (factory == null) {
            throw new ConfigException(object.pointer("name"),
                    "unknown optimizer \"" + name + "\"; expected one of " + String.join(", ", names()));
        }
        JsonNode hp = object.rawOrNull("hyperparameters");
        ConfigReader hyperparameters = new ConfigReader(hp == null ? JsonNodeFactory.instance.objectNode() : hp,
                object.pointer("hyperparameters"));
        Optimizer optimizer;
        try {
            optimizer = factory.create(hyperparameters, object);
        } catch (InvalidFieldException e) {
            throw new ConfigException(hyperparameters.pointer(e.field()), e.getMessage());
        }
        hyperparameters.finish();
        object.finish();
        return optimizer;
    }

    /** The learning rate: a number or a schedule object; {@code fallback} (may be null = required) when absent. */
    static Schedule lr(ConfigReader h, Double fallback) {
        if (!h.has("lr") && fallback != null) {
            h.rawOrNull("lr");
            return new Schedule.Constant(fallback);
        }
        return Schedule.fromJson(h.raw("lr"), h.pointer("lr"));
    }

    private static Adam adam(ConfigReader h, double defaultWeightDecay, Adam.WeightDecay decay) {
        return new Adam(lr(h, 1e-3), h.number("beta1", 0.9), h.number("beta2", 0.999), h.number("eps", 1e-8),
                h.number("weight_decay", defaultWeightDecay), h.bool("amsgrad", false), decay,
                Adam.EpsConvention.fromLabel(h.string("eps_convention", Adam.EpsConvention.PYTORCH.label())));
    }

    private static Expectigrad expectigrad(ConfigReader h) {
        String variant = h.string("variant", "current");
        switch (variant) {
            case "current":
                return new Expectigrad(lr(h, 1e-3), h.number("beta", 0.9), h.number("eps", 1e-8),
                        h.bool("sparse_counter", true));
            case "arxiv-v1":
                double beta = h.number("beta", 0);
                Check.require(beta == 0, "beta", "must be 0 with variant arxiv-v1 (no momentum), got " + beta);
                Check.require(!h.bool("sparse_counter", false), "sparse_counter",
                        "must be false with variant arxiv-v1 (dense counter), got true");
                return Expectigrad.arxivV1(lr(h, 1e-3), h.number("eps", 1e-8));
            default:
                throw new InvalidFieldException("variant", "must be one of current, arxiv-v1, got \"" + variant + "\"");
        }
    }

    private static Optimizer sam(ConfigReader h, ConfigReader object) {
        String basePointer = object.pointer("base");
        Optimizer base = fromJson(object.raw("base"), basePointer);
        if (!(base instanceof FirstOrderOptimizer first)) {
            throw new ConfigException(basePointer + "/name", "the base of sam must be a first-order optimizer, got \""
                    + base.name() + "\"");
        }
        return new SAM(first, h.number("rho", 0.05), h.bool("adaptive", false));
    }
}
