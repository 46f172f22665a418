package io.leadhandoff.routing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of matching one lead against 100,000 accounts, and the heap the index takes (bench/account-match-jmh.sh runs
 * it; not part of the test suite). Names are made of syllables, a third of them starting with a common word
 * ("Global", "United" …) so some fuzzy blocks are large; leads come by domain (a subdomain of an account's), by the
 * account's name with another legal form, by a misspelt name (fuzzy), and as unknown companies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class AccountMatchBenchmark {

    static final int ACCOUNTS = 100_000;
    private static final String[] SYLLABLES = {"ac", "me", "lo", "gi", "tex", "nor", "va", "zen", "tri", "co", "qua", "ra", "sol",
        "pex", "li", "on", "mar", "ket", "de", "fi", "ber", "gal", "ax", "ten", "su", "pra", "vi", "ko", "dan", "el", "ro", "sy"};
    private static final String[] COMMON = {"Global", "United", "First", "American", "Smart", "Blue", "North", "Advanced", "General",
        "National"};
    private static final String[] SECOND = {"Systems", "Logistics", "Partners", "Labs", "Foods", "Energy", "Health", "Capital",
        "Software", "Media", "Motors", "Textiles"};
    private static final String[] FORMS = {"Inc.", "LLC", "Ltd", "GmbH", "S.A.", "B.V.", "Co.", ""};

    private final AccountMatcher matcher = new AccountMatcher(0.92, 0.02);
    private AccountIndex index;
    private final List<AccountMatcher.Query> byDomain = new ArrayList<>();
    private final List<AccountMatcher.Query> byName = new ArrayList<>();
    private final List<AccountMatcher.Query> fuzzy = new ArrayList<>();
    private final List<AccountMatcher.Query> none = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        Random random = new Random(42);
        List<AccountIndex.Row> rows = new ArrayList<>(ACCOUNTS);
        for (int i = 0; i < ACCOUNTS; i++) {
            String word = word(random);
            String name = (random.nextInt(3) == 0 ? COMMON[random.nextInt(COMMON.length)] + " " : "") + word + " "
                    + SECOND[random.nextInt(SECOND.length)];
            List<String> domains = random.nextInt(5) == 0 ? List.of(word + i + ".com", word + i + ".co.uk") : List.of(word + i + ".com");
            rows.add(new AccountIndex.Row("acc" + i, name, "rep-" + random.nextInt(500), random.nextInt(4) == 0 ? null : "queue-" + random.nextInt(20),
                    random.nextInt(10) == 0 ? "acc" + random.nextInt(ACCOUNTS) : null, domains));
            if (i % 100 == 0) {
                byDomain.add(new AccountMatcher.Query(List.of("mail." + domains.get(0)), null));
                byName.add(new AccountMatcher.Query(List.of(), name + " " + FORMS[random.nextInt(FORMS.length)]));
                int cut = 1 + random.nextInt(name.length() - 2);
                fuzzy.add(new AccountMatcher.Query(List.of(), name.substring(0, cut) + name.substring(cut + 1)));
                none.add(new AccountMatcher.Query(List.of("unknown" + i + ".com"), word(random) + word(random) + " Holdings"));
            }
        }
        long start = System.nanoTime();
        index = AccountIndex.build(rows, 1);
        long buildMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        AccountIndex.build(rows, 2, index);
        long rebuildMillis = (System.nanoTime() - start) / 1_000_000;
        // a refresh after one account changed, and after an import of 1,000 (each renamed): what a delta costs a replica
        long[] deltaMillis = new long[2];
        int[] sizes = {1, 1000};
        for (int k = 0; k < sizes.length; k++) {
            List<AccountIndex.Row> changed = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < sizes[k]; i++) {
                AccountIndex.Row r = rows.get(i * 97 % ACCOUNTS);
                ids.add(r.id());
                changed.add(new AccountIndex.Row(r.id(), r.name() + " Europe", r.ownerRepId(), r.queueId(), r.parentId(), r.domains()));
            }
            // the fifth of five: a replica applies deltas all day, so the code is compiled by then
            for (int round = 0; round < 5; round++) {
                start = System.nanoTime();
                index.with(ids, changed, 3 + k);
                deltaMillis[k] = (System.nanoTime() - start) / 1_000_000;
            }
        }
        rows = null;
        // the query lists hold a few thousand short strings: counted in, so the figure is an upper bound
        long after = usedAfterGc(memory);
        System.out.printf("%naccount index: %d accounts, %.1f MiB of heap, built in %d ms, rebuilt (names unchanged) in %d ms, "
                + "delta of 1 account in %d ms, of 1,000 in %d ms%n",
                index.size(), (after - before) / 1048576.0, buildMillis, rebuildMillis, deltaMillis[0], deltaMillis[1]);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String word(Random random) {
        StringBuilder w = new StringBuilder();
        int n = 2 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        w.setCharAt(0, Character.toUpperCase(w.charAt(0)));
        return w.toString();
    }

    private AccountMatcher.Query pick(List<AccountMatcher.Query> queries) {
        next = (next + 1) % queries.size();
        return queries.get(next);
    }

    @Benchmark
    public AccountMatcher.Result matchByDomain() {
        return matcher.match(index, pick(byDomain));
    }

    @Benchmark
    public AccountMatcher.Result matchByExactName() {
        return matcher.match(index, pick(byName));
    }

    @Benchmark
    public AccountMatcher.Result matchFuzzyName() {
        return matcher.match(index, pick(fuzzy));
    }

    @Benchmark
    public AccountMatcher.Result matchNothing() {
        return matcher.match(index, pick(none));
    }
}
