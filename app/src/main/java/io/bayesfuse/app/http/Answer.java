package io.bayesfuse.app.http;

/**
 * An HTTP answer: status and JSON body.
 *
 * @param status the HTTP status
 * @param json   the body
 */
record Answer(int status, String json) {

    static Answer error(int status, String message) {
        return new Answer(status, Json.object().put("error", message).toString());
    }
}
