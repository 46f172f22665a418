package io.leadhandoff.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** An out-of-office period of a queue member: [from, until), open-ended on a side that is null. */
@Embeddable
public record TimeOff(@Column(name = "starts_at") Instant from, @Column(name = "ends_at") Instant until) {

    public boolean covers(Instant at) {
        return (from == null || !from.isAfter(at)) && (until == null || until.isAfter(at));
    }
}
