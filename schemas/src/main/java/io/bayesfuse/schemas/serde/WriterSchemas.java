package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.RegisteredSchema;
import io.bayesfuse.schemas.registry.RegistryErrorCode;
import io.bayesfuse.schemas.registry.RegistryException;
import io.bayesfuse.schemas.registry.RegistryRequestException;
import io.bayesfuse.schemas.registry.RegistryUnreachableException;
import io.bayesfuse.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;

/**
 * Chooses the schema id a record is written with: the id its schema is registered under
 * ({@code auto.register.schemas=true}), the subject's latest version ({@code use.latest.version}),
 * or the id the registry already has for the schema under the subject (lookup).
 */
final class WriterSchemas {

    /** The id to put in the header and the schema to encode with. */
    record Choice(int id, Schema schema) { }

    private final SchemaRegistryClient client;
    private final AvroSerdeConfig config;
    private final boolean isKey;

    WriterSchemas(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
        this.client = client;
        this.config = config;
        this.isKey = isKey;
    }

    /** Whether the choice follows the subject's latest version (so may change from one record to the next). */
    boolean followsLatestVersion() {
        return !config.autoRegister() && config.useLatestVersion();
    }

    Choice choose(String topic, Schema schema, String where) {
        String subject = config.subjectNameStrategy().subjectName(topic, isKey, schema);
        String context = where + ", subject '" + subject + "'";
        try {
            if (config.autoRegister()) {
                return new Choice(client.register(subject, schema), schema);
            }
            if (config.useLatestVersion()) {
                RegisteredSchema latest = client.latest(subject);
                return new Choice(latest.id(), latest.schema());
            }
            return new Choice(client.lookup(subject, schema).id(), schema);
        } catch (RegistryUnreachableException e) {
            throw new SchemaRegistryUnavailableException(context + ", schema id unknown: cannot " + action()
                    + ": " + e.getMessage(), e);
        } catch (RegistryRequestException e) {
            throw new AvroSerdeException(context + ", schema id unknown: cannot " + action() + ": " + explain(e), e);
        } catch (RegistryException e) {
            throw new AvroSerdeException(context + ", schema id unknown: cannot " + action() + ": " + e.getMessage(), e);
        }
    }

    private String action() {
        if (config.autoRegister()) {
            return "register the schema";
        }
        return config.useLatestVersion() ? "fetch the subject's latest schema" : "look up the schema";
    }

    private String explain(RegistryRequestException e) {
        if (!config.autoRegister() && (e.is(RegistryErrorCode.SUBJECT_NOT_FOUND) || e.is(RegistryErrorCode.SCHEMA_NOT_FOUND))) {
            return "the schema is not registered (auto.register.schemas=false, so it must be registered beforehand): "
                    + e.getMessage();
        }
        if (e.is(RegistryErrorCode.INCOMPATIBLE_SCHEMA)) {
            return "the registry refuses the schema as incompatible with the subject's earlier versions: " + e.getMessage();
        }
        return e.getMessage();
    }
}
