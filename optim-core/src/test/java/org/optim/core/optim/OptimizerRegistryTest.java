package org.optim.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.optim.core.Optimizer;
import org.optim.core.config.ConfigException;
import org.optim.core.schedule.Schedule;

class OptimizerRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Optimizer read(String json) throws Exception {
        return OptimizerRegistry.fromJson(JSON.readTree(json), "/optimizer");
    }

    private static void assertError(String json, String pointer, String text) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(pointer + ": ").hasMessageContaining(text);
    }

    @Test
    void everyIssueOptimizerIsRegistered() {
        assertThat(OptimizerRegistry.names()).containsExactly("sgd", "adam", "adamw", "adamp", "sgdp", "expectigrad", "sam");
    }

    @Test
    void leftOutFieldsTakeTheOfficialConstructorDefaults() throws Exception {
        Schedule lr = new Schedule.Constant(1e-3);
        assertThat(read("{\"name\": \"adamp\"}")).isEqualTo(new AdamP(lr, 0.9, 0.999, 1e-8, 0, 0.1, 0.1, false));
        assertThat(read("{\"name\": \"sgdp\", \"hyperparameters\": {\"lr\": 0.001}}"))
                .isEqualTo(new SGDP(lr, 0, 0, 0, false, 1e-8, 0.1, 0.1));
        assertThat(read("{\"name\": \"expectigrad\"}")).isEqualTo(new Expectigrad(lr, 0.9, 1e-8, true));
        assertThat(read("{\"name\": \"expectigrad\", \"hyperparameters\": {\"variant\": \"arxiv-v1\"}}"))
                .isEqualTo(new Expectigrad(lr, 0, 1e-8, false));
        assertThat(read("{\"name\": \"adam\"}"))
                .isEqualTo(new Adam(lr, 0.9, 0.999, 1e-8, 0, false, Adam.WeightDecay.L2, Adam.EpsConvention.PYTORCH));
        assertThat(read("{\"name\": \"sam\", \"base\": {\"name\": \"adam\"}}"))
                .isEqualTo(new SAM(new Adam(lr, 0.9, 0.999, 1e-8, 0, false, Adam.WeightDecay.L2), 0.05, false));
    }

    @Test
    void requiredAndInconsistentFieldsAreErrorsAtTheirPointer() {
        assertError("{\"name\": \"sgdp\"}", "/optimizer/hyperparameters/lr", "missing");
        assertError("{\"name\": \"sam\"}", "/optimizer/base", "missing");
        assertError("{\"name\": \"sam\", \"base\": {\"name\": \"sam\", \"base\": {\"name\": \"sgd\", \"hyperparameters\": {\"lr\": 1}}}}",
                "/optimizer/base/name", "first-order");
        assertError("{\"name\": \"sam\", \"base\": {\"name\": \"adam\", \"hyperparameters\": {\"beta2\": 1}}}",
                "/optimizer/base/hyperparameters/beta2", "[0, 1)");
        assertError("{\"name\": \"expectigrad\", \"hyperparameters\": {\"variant\": \"arxiv-v1\", \"beta\": 0.9}}",
                "/optimizer/hyperparameters/beta", "arxiv-v1");
        assertError("{\"name\": \"expectigrad\", \"hyperparameters\": {\"variant\": \"v3\"}}",
                "/optimizer/hyperparameters/variant", "current, arxiv-v1");
        assertError("{\"name\": \"adam\", \"hyperparameters\": {\"eps_convention\": \"tf\"}}",
                "/optimizer/hyperparameters/eps_convention", "pytorch, keras");
        assertError("{\"name\": \"sgdp\", \"hyperparameters\": {\"lr\": 0.1, \"nesterov\": 1}}",
                "/optimizer/hyperparameters/nesterov", "true or false");
        assertError("{\"name\": \"adamq\"}", "/optimizer/name", "adamp");
    }
}
