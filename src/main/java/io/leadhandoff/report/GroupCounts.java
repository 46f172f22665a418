package io.leadhandoff.report;

import java.math.BigDecimal;

/**
 * One group's leads over a period: the stages they reached, SLA breaches, the amount won, acceptances
 * by final verdict, and how many are later cycles of an earlier lead.
 */
public record GroupCounts(long received, long disqualified, long routed, long accepted, long rejected, long recycled,
                          long converted, long won, long lost, long breached, long breaches, BigDecimal wonAmount,
                          long acceptedFinal, long laterCycles) {

    public static final GroupCounts ZERO = new GroupCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0);

    public GroupCounts plus(GroupCounts o) {
        return new GroupCounts(received + o.received, disqualified + o.disqualified, routed + o.routed, accepted + o.accepted,
                rejected + o.rejected, recycled + o.recycled, converted + o.converted, won + o.won, lost + o.lost,
                breached + o.breached, breaches + o.breaches, wonAmount.add(o.wonAmount), acceptedFinal + o.acceptedFinal,
                laterCycles + o.laterCycles);
    }
}
