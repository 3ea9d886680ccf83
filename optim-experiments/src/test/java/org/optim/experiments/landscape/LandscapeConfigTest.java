package org.optim.experiments.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.optim.core.config.ConfigException;
import org.optim.core.config.ConfigReader;

class LandscapeConfigTest {
    private static LandscapeConfig read(String json) throws Exception {
        return LandscapeConfig.read(new ConfigReader(new ObjectMapper().readTree(json), "/landscape"));
    }

    @Test
    void anEmptySectionTakesThePapersDefaults() throws Exception {
        LandscapeConfig c = read("{}");
        assertThat(c.span()).isEqualTo(1.0);
        assertThat(c.rho()).isEqualTo(0.05);
        assertThat(c.ascentSteps()).isEqualTo(1);
        assertThat(c.toJson().toString()).contains("\"subsetSize\":2048").contains("\"hvpStep\":0.01");
    }

    @Test
    void badValuesNameTheirPointer() {
        assertThatThrownBy(() -> read("{\"gridSize\": 20}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/landscape/gridSize").hasMessageContaining("odd");
        assertThatThrownBy(() -> read("{\"rho\": -0.1}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("/landscape/rho");
        assertThatThrownBy(() -> read("{\"sapn\": 1}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("/landscape/sapn");
    }
}
