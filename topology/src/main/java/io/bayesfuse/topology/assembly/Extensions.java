package io.bayesfuse.topology.assembly;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.topology.config.ConfigException;

import java.util.function.Supplier;

/** Models made by installed extensions ({@code io.bayesfuse.kernels.extension}), their failures named by setting. */
final class Extensions {

    private Extensions() {
    }

    /**
     * A model made by an installed extension; its complaints name the setting under {@code path}, and
     * anything else it throws is reported as the extension's failure.
     */
    static <T> T make(String path, Supplier<T> make) {
        try {
            T model = make.get();
            if (model == null) {
                throw new ConfigException(path + ".type", "the extension made no model");
            }
            return model;
        } catch (InvalidInputException ex) {
            throw new ConfigException(path + "." + ex.field(), SettingErrors.detailOf(ex));
        } catch (ConfigException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new ConfigException(path, "the extension failed: " + ex);
        }
    }
}
