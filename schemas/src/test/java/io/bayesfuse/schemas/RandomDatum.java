package io.bayesfuse.schemas;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random generic data for any schema, for round-trip and evolution tests. */
public final class RandomDatum {

    private final Random random;

    public RandomDatum(long seed) {
        this.random = new Random(seed);
    }

    public Object next(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), next(field.schema()));
                }
                yield record;
            }
            case ENUM -> new GenericData.EnumSymbol(schema,
                    schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
            case ARRAY -> {
                int n = random.nextInt(4);
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(next(schema.getElementType()));
                }
                yield new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                Map<String, Object> map = new HashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put("k" + random.nextInt(1000), next(schema.getValueType()));
                }
                yield map;
            }
            case UNION -> next(schema.getTypes().get(random.nextInt(schema.getTypes().size())));
            case STRING -> "s" + random.nextInt(100_000);
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(8)];
                random.nextBytes(bytes);
                yield ByteBuffer.wrap(bytes);
            }
            case INT -> random.nextInt();
            case LONG -> random.nextLong();
            case FLOAT -> random.nextFloat();
            case DOUBLE -> random.nextGaussian();
            case BOOLEAN -> random.nextBoolean();
            case NULL -> null;
            case FIXED -> {
                byte[] bytes = new byte[schema.getFixedSize()];
                random.nextBytes(bytes);
                yield new GenericData.Fixed(schema, bytes);
            }
        };
    }
}
