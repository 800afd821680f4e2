package io.bayesfuse.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON helpers of the API. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array(double[] values) {
        ArrayNode array = MAPPER.createArrayNode();
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.addNull();
            }
        }
        return array;
    }

    static ArrayNode matrix(double[][] rows) {
        ArrayNode array = MAPPER.createArrayNode();
        for (double[] row : rows) {
            array.add(array(row));
        }
        return array;
    }
}
