package io.leadhandoff.source;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The marketing tools whose own webhook formats and signatures the service understands. */
public enum SourceKind {
    HUBSPOT("hubspot"),
    MARKETO("marketo"),
    MAUTIC("mautic"),
    PARDOT("pardot"),
    STANDARD_WEBHOOKS("standard-webhooks"),
    GENERIC("generic");

    private final String wire;

    SourceKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static SourceKind fromWire(String value) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of hubspot, marketo, mautic, pardot, standard-webhooks, generic"));
    }
}
