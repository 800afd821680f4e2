package io.bayesfuse.schemas.registry;

import org.apache.kafka.common.config.ConfigException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/**
 * TLS for {@code https://} registry URLs, through the JDK: the Confluent settings
 * {@code schema.registry.ssl.truststore.location/password/type},
 * {@code schema.registry.ssl.keystore.location/password/type}, {@code schema.registry.ssl.key.password}
 * and {@code schema.registry.ssl.protocol}. Without a trust store the JDK's default trust applies.
 */
public final class RegistryTls {

    public static final String PREFIX = "schema.registry.ssl.";
    public static final String TRUSTSTORE_LOCATION = PREFIX + "truststore.location";
    public static final String TRUSTSTORE_PASSWORD = PREFIX + "truststore.password";
    public static final String TRUSTSTORE_TYPE = PREFIX + "truststore.type";
    public static final String KEYSTORE_LOCATION = PREFIX + "keystore.location";
    public static final String KEYSTORE_PASSWORD = PREFIX + "keystore.password";
    public static final String KEYSTORE_TYPE = PREFIX + "keystore.type";
    public static final String KEY_PASSWORD = PREFIX + "key.password";
    public static final String PROTOCOL = PREFIX + "protocol";
    public static final String ENDPOINT_IDENTIFICATION = PREFIX + "endpoint.identification.algorithm";

    private RegistryTls() {
    }

    /** The SSL context the settings describe, or empty when none of them is set. */
    public static Optional<SSLContext> contextFrom(ConfigMap config) {
        rejectDisabledHostnameVerification(config);
        Optional<String> trustStore = config.string(TRUSTSTORE_LOCATION);
        Optional<String> keyStore = config.string(KEYSTORE_LOCATION);
        if (trustStore.isEmpty() && keyStore.isEmpty()) {
            return Optional.empty();
        }
        String protocol = config.string(PROTOCOL).orElse("TLS");
        try {
            SSLContext context = SSLContext.getInstance(protocol);
            TrustManagerFactory trust = null;
            if (trustStore.isPresent()) {
                KeyStore store = load(TRUSTSTORE_LOCATION, trustStore.get(),
                        config.string(TRUSTSTORE_TYPE).orElse("JKS"), config.string(TRUSTSTORE_PASSWORD));
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (keyStore.isPresent()) {
                Optional<String> storePassword = config.string(KEYSTORE_PASSWORD);
                KeyStore store = load(KEYSTORE_LOCATION, keyStore.get(),
                        config.string(KEYSTORE_TYPE).orElse("JKS"), storePassword);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, config.string(KEY_PASSWORD).or(() -> storePassword).map(String::toCharArray).orElse(null));
            }
            context.init(keys == null ? null : keys.getKeyManagers(),
                    trust == null ? null : trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("the schema registry TLS settings (" + PREFIX + "*) do not make an SSL context: " + e);
        }
    }

    private static void rejectDisabledHostnameVerification(ConfigMap config) {
        Optional<Object> value = config.raw(ENDPOINT_IDENTIFICATION);
        if (value.isPresent() && !value.get().toString().trim().equalsIgnoreCase("https")) {
            throw new ConfigException(ENDPOINT_IDENTIFICATION, value.get(),
                    "only 'https' is supported: java.net.http always verifies the registry's host name "
                            + "(give the registry a certificate that names its host)");
        }
    }

    private static KeyStore load(String key, String location, String type, Optional<String> password)
            throws GeneralSecurityException {
        Path path = Path.of(location);
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.map(String::toCharArray).orElse(null));
            return store;
        } catch (IOException e) {
            throw new ConfigException(key, location, "cannot read the " + type + " store: " + e.getMessage());
        }
    }
}
