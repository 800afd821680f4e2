package io.bayesfuse.schemas.registry;

import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** https:// registries through the JDK's TLS, with the Confluent trust-store settings. */
class RegistryTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Schema POINT = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Point\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");

    @TempDir
    static Path dir;
    private static Path trustStore;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startHttpsRegistryWithASelfSignedCertificate() throws Exception {
        Path keyStore = dir.resolve("registry.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as("keytool: " + output).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("registry", keys.getCertificate("registry"));
        trustStore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD);
        }

        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        registry = SchemaRegistryServer.builder().port(0).tls(context).start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void theRegistryServesHttpsAndAClientTrustingItsCertificateRegistersAndReads() {
        assertThat(registry.url()).startsWith("https://localhost:");
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.from(Map.of(
                RegistryClientConfig.URL, registry.url(),
                "schema.registry.ssl.truststore.location", trustStore.toString(),
                "schema.registry.ssl.truststore.password", "changeit",
                "schema.registry.ssl.truststore.type", "PKCS12")))) {
            int id = client.register("tls-value", POINT);
            assertThat(client.schemaById(id)).isEqualTo(POINT);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotReachTheRegistry() {
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.of(registry.url()))) {
            assertThatThrownBy(client::subjects)
                    .isInstanceOf(RegistryUnreachableException.class)
                    .hasMessageContaining(registry.url())
                    .hasMessageContaining("SSLHandshakeException");
        }
    }

    @Test
    void aMissingTrustStoreFileIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of(RegistryClientConfig.URL, registry.url(),
                "schema.registry.ssl.truststore.location", dir.resolve("absent.p12").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.location")
                .hasMessageContaining("absent.p12");
    }

    @Test
    void hostNameVerificationCannotBeSwitchedOff() {
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of(RegistryClientConfig.URL, registry.url(),
                "schema.registry.ssl.endpoint.identification.algorithm", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("endpoint.identification.algorithm");
    }
}
