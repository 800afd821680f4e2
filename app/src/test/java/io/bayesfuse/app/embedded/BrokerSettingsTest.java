package io.bayesfuse.app.embedded;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerSettingsTest {

    @Test
    void defaultsAreFreePortsOnLocalhostAndATemporaryDirectory() {
        BrokerSettings settings = BrokerSettings.defaults();
        assertThat(settings.host()).isEqualTo("localhost");
        assertThat(settings.port()).isZero();
        assertThat(settings.controllerPort()).isZero();
        assertThat(settings.dataDirectory()).isEmpty();
    }

    @Test
    void aPortOutsideTheValidRangeIsRefusedNamingIt() {
        assertThatThrownBy(() -> BrokerSettings.defaults().withPort(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 70000");
        assertThatThrownBy(() -> BrokerSettings.defaults().withControllerPort(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("controller port -1");
    }

    @Test
    void withersChangeOneSettingEach() {
        BrokerSettings settings = BrokerSettings.defaults().withPort(9092).withControllerPort(9093)
                .withDataDirectory(Path.of("/data")).withOverrides(Map.of("num.partitions", "3"));
        assertThat(settings).isEqualTo(new BrokerSettings("localhost", 9092, 9093, java.util.Optional.of(Path.of("/data")),
                Map.of("num.partitions", "3")));
    }
}
