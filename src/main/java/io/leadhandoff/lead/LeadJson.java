package io.leadhandoff.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lead's JSON columns (custom attributes, the score and the routing decision with their explanations) read and
 * written as text. Still hand-written codecs, not Hibernate's JSON type: moving to it needs proof on both H2 (CLOB)
 * and MariaDB (LONGTEXT) that the stored text and the answers stay the same, which has not been done yet.
 */
@ApplicationScoped
class LeadJson {

    private final ObjectMapper mapper;

    LeadJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " is not JSON", e);
        }
    }

    /** A JSON object as an ordered, modifiable map; empty for no value. */
    Map<String, Object> map(String json) {
        if (json == null || json.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return mapper.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored attributes are not JSON", e);
        }
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise", e);
        }
    }
}
