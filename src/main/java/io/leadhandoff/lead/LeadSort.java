package io.leadhandoff.lead;

/**
 * The orders the lead list offers, each a keyset over (column, id) so that cursor paging stays stable; a descending
 * order is the same key reversed. {@code received} is the id order (ids grow with the time received).
 */
public enum LeadSort {
    RECEIVED("received", null, false),
    RECEIVED_DESC("-received", null, false),
    SCORE("score", "coalesce(l.scoring.total, -1)", true),
    SCORE_DESC("-score", "coalesce(l.scoring.total, -1)", true),
    COMPANY("company", "coalesce(l.company, '')", false),
    COMPANY_DESC("-company", "coalesce(l.company, '')", false),
    SOURCE("source", "coalesce(l.source, '')", false),
    SOURCE_DESC("-source", "coalesce(l.source, '')", false);

    private final String wire;
    private final String key;
    private final boolean numeric;

    LeadSort(String wire, String key, boolean numeric) {
        this.wire = wire;
        this.key = key;
        this.numeric = numeric;
    }

    public String wire() {
        return wire;
    }

    boolean descending() {
        return wire.startsWith("-");
    }

    /** The HQL expression sorted on before the id; null when the id alone is the order. */
    String key() {
        return key;
    }

    boolean numeric() {
        return numeric;
    }

    /** The cursor position after {@code lead}: its id, or its sort value and id. */
    String position(Lead lead) {
        if (key == null) {
            return lead.id();
        }
        Object value = switch (this) {
            case SCORE, SCORE_DESC -> lead.scoreTotal() == null ? -1 : lead.scoreTotal();
            case COMPANY, COMPANY_DESC -> lead.profile().company() == null ? "" : lead.profile().company();
            default -> lead.source() == null ? "" : lead.source();
        };
        return value + "|" + lead.id();
    }

    public static LeadSort fromWire(String value) {
        for (LeadSort s : values()) {
            if (s.wire.equals(value)) {
                return s;
            }
        }
        return null;
    }
}
