package io.leadhandoff.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Matches a lead to an account: by domain first (the email's, then the website's; each host tried from itself up to its
 * registrable domain), then by the exact normalised company name, then by the closest name of as many words at or above
 * the fuzzy threshold (a name with a word more is another company: "Acme" is not "Acme Bank", however long "Acme" is). Two accounts within the ambiguity margin of each other match neither. A matched account without an owner
 * routes to its nearest ancestor's owner. Pure.
 */
public final class AccountMatcher {

    /** Ancestors followed at most, in case a cycle slipped past the writes that refuse one. */
    static final int MAX_DEPTH = 16;
    /**
     * Names compared with Jaro–Winkler at most per match, best bound first: the bound ends the search long before this in
     * practice; the cap keeps a pathological block (thousands of near-identical names) from costing a lead milliseconds.
     */
    static final int MAX_COMPARED = 200;
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    /** What matching found: the account whose owner and queue route the lead (null when none), and the explanation. */
    public record Result(AccountIndex.Entry account, String ownerRepId, String queueId, AccountMatchView view) {

        static final Result NONE = new Result(null, null, null, AccountMatchView.NONE);
    }

    /** A lead as matching sees it: the domains it may match by (none for a free-mail address), and its company. */
    public record Query(List<String> domains, String company) {
    }

    private final double threshold;
    private final double margin;
    /** The shortest over longest name length below which Jaro–Winkler cannot reach the threshold. */
    private final double minLengthRatio;

    public AccountMatcher(double threshold, double margin) {
        this.threshold = threshold;
        this.margin = margin;
        // Jaro–Winkler ≤ 0.6·Jaro + 0.4 and Jaro ≤ (2 + shorter/longer) / 3
        this.minLengthRatio = Math.max(0, 5 * (threshold - margin) - 4);
    }

    public Result match(AccountIndex index, Query query) {
        for (String domain : query.domains()) {
            for (String lookup : AccountDomains.lookups(domain)) {
                AccountIndex.Entry e = index.byDomain(lookup);
                if (e != null) {
                    return owned(index, e, "domain", 1.0);
                }
            }
        }
        String key = AccountNames.normalize(query.company());
        if (key.isEmpty()) {
            return Result.NONE;
        }
        List<AccountIndex.Entry> exact = index.byName(key);
        if (exact.size() == 1) {
            return owned(index, exact.get(0), "name", 1.0);
        }
        if (exact.size() > 1) {
            return ambiguous(exact.stream().map(e -> new AccountMatchView.Candidate(e.id(), e.name(), 1.0)).toList());
        }
        return fuzzy(index, key);
    }

    private Result fuzzy(AccountIndex index, String key) {
        AccountIndex.Block block = index.block(key);
        if (block == null) {
            return Result.NONE;
        }
        int len = key.length();
        int words = NameBag.words(key);
        int minLen = (int) Math.ceil(len * minLengthRatio);
        int maxLen = minLengthRatio == 0 ? Integer.MAX_VALUE : (int) Math.floor(len / minLengthRatio);
        double floor = threshold - margin;
        long low = NameBag.low(key);
        long high = NameBag.high(key);
        // the names a bound on their shared characters does not rule out, best bound first
        int[] lengths = block.lengths();
        long[] bags = block.bags();
        int from = firstAtLeast(lengths, minLen);
        long[] open = new long[Math.min(lengths.length - from, 64)];
        int count = 0;
        for (int i = from; i < lengths.length && lengths[i] <= maxLen; i++) {
            if (block.words()[i] != words) {
                continue;
            }
            double bound = NameBag.jaroWinklerBound(len, lengths[i],
                    NameBag.common(low, high, bags[2 * i], bags[2 * i + 1]), NameBag.prefix(key, block.keys()[i]));
            if (bound < floor) {
                continue;
            }
            if (count == open.length) {
                open = Arrays.copyOf(open, open.length * 2);
            }
            // the bound's bits sort as the bound (a non-negative double); the index rides in the low 20 bits, which only
            // blurs bounds within a few millionths of each other
            open[count++] = (Double.doubleToLongBits(bound) & ~0xFFFFFL) | i;
        }
        Arrays.sort(open, 0, count);
        AccountIndex.Entry best = null;
        double bestScore = -1;
        List<AccountMatchView.Candidate> close = new ArrayList<>(2);
        for (int k = count - 1, compared = 0; k >= 0 && compared < MAX_COMPARED; k--, compared++) {
            double bound = Double.longBitsToDouble(open[k] & ~0xFFFFFL) + 1e-4; // the candidates' similarities are compared rounded to 4 places
            if (bound < floor || bound < bestScore - margin) {
                break; // no name left can be a match or a rival of the best
            }
            int i = (int) (open[k] & 0xFFFFFL);
            double s = JARO_WINKLER.apply(key, block.keys()[i]);
            if (s < floor) {
                continue;
            }
            AccountIndex.Entry e = block.entries()[i];
            close.add(new AccountMatchView.Candidate(e.id(), e.name(), round(s)));
            if (s > bestScore) {
                bestScore = s;
                best = e;
            }
        }
        if (best == null || bestScore < threshold) {
            return Result.NONE;
        }
        double top = bestScore;
        List<AccountMatchView.Candidate> rivals = close.stream().filter(c -> c.similarity() >= round(top - margin))
                .sorted((x, y) -> Double.compare(y.similarity(), x.similarity())).toList();
        if (rivals.size() > 1) {
            return ambiguous(rivals.subList(0, Math.min(rivals.size(), 5)));
        }
        return owned(index, best, "fuzzy", round(bestScore));
    }

    /** The match, routed to the nearest owner up the account's parents when it has none itself. */
    private static Result owned(AccountIndex index, AccountIndex.Entry matched, String rule, double similarity) {
        if (matched.ownerRepId() != null) {
            return new Result(matched, matched.ownerRepId(), matched.queueId(),
                    new AccountMatchView(matched.id(), matched.name(), rule, similarity, null, null, null));
        }
        String queueId = matched.queueId();
        AccountIndex.Entry ancestor = index.byId(matched.parentId());
        for (int depth = 0; ancestor != null && depth < MAX_DEPTH; depth++) {
            queueId = queueId != null ? queueId : ancestor.queueId();
            if (ancestor.ownerRepId() != null) {
                return new Result(matched, ancestor.ownerRepId(), queueId,
                        new AccountMatchView(matched.id(), matched.name(), "parent", similarity, rule, ancestor.id(), null));
            }
            ancestor = index.byId(ancestor.parentId());
        }
        return new Result(matched, null, queueId, new AccountMatchView(matched.id(), matched.name(), rule, similarity, null, null, null));
    }

    private static Result ambiguous(List<AccountMatchView.Candidate> candidates) {
        return new Result(null, null, null, new AccountMatchView(null, null, "ambiguous", null, null, null, candidates));
    }

    private static int firstAtLeast(int[] sorted, int value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double round(double similarity) {
        return Math.round(similarity * 10000) / 10000.0;
    }
}
