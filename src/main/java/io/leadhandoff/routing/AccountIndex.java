package io.leadhandoff.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every account as matching reads it, in memory: by domain, by normalised name, and in blocks of names whose first two
 * words begin with the same two letters (sorted by length) for the fuzzy comparison, so a match looks at the few hundred
 * names that could reach the threshold instead of every account, and computes Jaro–Winkler for only the few of those
 * that a bound on their shared letters does not rule out (see {@link AccountMatcher}). Jaro–Winkler weighs a
 * shared beginning most, so a misspelling in the first two letters of either word is the kind of fuzzy match given up. Immutable once built; a replica swaps in a
 * new one when the accounts change, made from the old one and the changed accounts ({@link #with}) or from every row.
 */
public final class AccountIndex {

    /** One account: what matching and routing need, no more. */
    public record Entry(String id, String name, String nameKey, String ownerRepId, String queueId, String parentId,
                        List<String> domains) {
    }

    /** One account row with its domains, as the builder takes it. */
    public record Row(String id, String name, String ownerRepId, String queueId, String parentId, List<String> domains) {
    }

    static final AccountIndex EMPTY = build(List.of(), -1, null);

    private final long version;
    private final Map<String, Entry> byId;
    private final Map<String, Entry> byDomain;
    /** Normalised name → its one {@link Entry}, or an {@code Entry[]} when several accounts share it. */
    private final Map<String, Object> byName;
    private final Map<String, Block> blocks;

    /**
     * Names sharing a block prefix, sorted by length, each with its word count and its {@link NameBag} (two longs per name),
     * so most names are ruled out by arithmetic before Jaro–Winkler is computed.
     */
    record Block(String[] keys, Entry[] entries, int[] lengths, int[] words, long[] bags) {

        static Block of(List<Entry> list) {
            list.sort(Comparator.comparingInt(e -> e.nameKey().length()));
            String[] keys = new String[list.size()];
            Entry[] entries = new Entry[list.size()];
            int[] lengths = new int[list.size()];
            int[] words = new int[list.size()];
            long[] bags = new long[2 * list.size()];
            for (int i = 0; i < keys.length; i++) {
                entries[i] = list.get(i);
                keys[i] = entries[i].nameKey();
                lengths[i] = keys[i].length();
                words[i] = NameBag.words(keys[i]);
                bags[2 * i] = NameBag.low(keys[i]);
                bags[2 * i + 1] = NameBag.high(keys[i]);
            }
            return new Block(keys, entries, lengths, words, bags);
        }
    }

    private AccountIndex(long version, Map<String, Entry> byId, Map<String, Entry> byDomain, Map<String, Object> byName,
                         Map<String, Block> blocks) {
        this.version = version;
        this.byId = byId;
        this.byDomain = byDomain;
        this.byName = byName;
        this.blocks = blocks;
    }

    /** The index of {@code rows}, at the accounts' {@code version}. */
    public static AccountIndex build(List<Row> rows, long version) {
        return build(rows, version, null);
    }

    /** The index of {@code rows}, reusing the normalised names of {@code previous} for accounts whose name is unchanged. */
    public static AccountIndex build(List<Row> rows, long version, AccountIndex previous) {
        Map<String, String> shared = new HashMap<>(); // owner and queue ids repeat: one string each
        Map<String, Entry> byId = new HashMap<>(rows.size() * 4 / 3 + 1);
        Map<String, Entry> byDomain = new HashMap<>(rows.size() * 4 / 3 + 1);
        Map<String, Object> byName = new HashMap<>(rows.size() * 4 / 3 + 1);
        Map<String, List<Entry>> grouped = new HashMap<>();
        for (Row r : rows) {
            Entry before = previous == null ? null : previous.byId.get(r.id());
            String key = before != null && Objects.equals(before.name(), r.name())
                    ? Objects.requireNonNullElse(before.nameKey(), "") : AccountNames.normalize(r.name());
            Entry e = new Entry(r.id(), r.name(), key.isEmpty() ? null : key, intern(shared, r.ownerRepId()),
                    intern(shared, r.queueId()), r.parentId(), List.copyOf(r.domains()));
            byId.put(e.id(), e);
            r.domains().forEach(d -> byDomain.put(d, e));
            if (e.nameKey() != null) {
                byName.merge(e.nameKey(), e, AccountIndex::addEntry);
                grouped.computeIfAbsent(prefix(e.nameKey()), p -> new ArrayList<>()).add(e);
            }
        }
        Map<String, Block> blocks = new HashMap<>(grouped.size() * 4 / 3 + 1);
        grouped.forEach((p, list) -> blocks.put(p, Block.of(list)));
        return new AccountIndex(version, byId, byDomain, byName, blocks);
    }

    /**
     * This index with some accounts changed, at {@code version}: each of {@code changedIds} is taken out, then each of
     * {@code rows} (their current rows; a removed account has none) put in. Copies the maps (its cost at 100,000
     * accounts) and rebuilds only the fuzzy blocks the changed names are in, instead of normalising every name again;
     * this index stays as it was, so a match running on it is undisturbed.
     */
    public AccountIndex with(Collection<String> changedIds, List<Row> rows, long version) {
        Map<String, Entry> ids = new HashMap<>(byId);
        Map<String, Entry> domains = new HashMap<>(byDomain);
        Map<String, Object> names = new HashMap<>(byName);
        Map<String, List<Entry>> touched = new HashMap<>();
        for (String id : changedIds) {
            Entry old = ids.remove(id);
            if (old == null) {
                continue;
            }
            old.domains().forEach(d -> domains.remove(d, old));
            if (old.nameKey() != null) {
                names.computeIfPresent(old.nameKey(), (k, v) -> removeEntry(v, old));
                blockOf(touched, old.nameKey()).removeIf(e -> e.id().equals(id));
            }
        }
        Map<String, String> shared = new HashMap<>();
        for (Row r : rows) {
            Entry before = byId.get(r.id());
            String key = before != null && Objects.equals(before.name(), r.name())
                    ? Objects.requireNonNullElse(before.nameKey(), "") : AccountNames.normalize(r.name());
            Entry e = new Entry(r.id(), r.name(), key.isEmpty() ? null : key, intern(shared, r.ownerRepId()),
                    intern(shared, r.queueId()), r.parentId(), List.copyOf(r.domains()));
            ids.put(e.id(), e);
            e.domains().forEach(d -> domains.put(d, e));
            if (e.nameKey() != null) {
                names.merge(e.nameKey(), e, AccountIndex::addEntry);
                blockOf(touched, e.nameKey()).add(e);
            }
        }
        Map<String, Block> newBlocks = new HashMap<>(blocks);
        touched.forEach((p, list) -> {
            if (list.isEmpty()) {
                newBlocks.remove(p);
            } else {
                newBlocks.put(p, Block.of(list));
            }
        });
        return new AccountIndex(version, ids, domains, names, newBlocks);
    }

    /** The entries of the block of {@code key}, copied once per delta so they can be edited. */
    private List<Entry> blockOf(Map<String, List<Entry>> touched, String key) {
        return touched.computeIfAbsent(prefix(key), p -> {
            Block b = blocks.get(p);
            return b == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(b.entries()));
        });
    }

    public long version() {
        return version;
    }

    public int size() {
        return byId.size();
    }

    Entry byId(String id) {
        return id == null ? null : byId.get(id);
    }

    Entry byDomain(String domain) {
        return byDomain.get(domain);
    }

    /** The accounts whose normalised name is {@code key}. */
    List<Entry> byName(String key) {
        Object found = byName.get(key);
        if (found == null) {
            return List.of();
        }
        return found instanceof Entry e ? List.of(e) : Arrays.asList((Entry[]) found);
    }

    /** The block of names that could be fuzzy matches of {@code key} (same first two characters). */
    Block block(String key) {
        return blocks.get(prefix(key));
    }

    /** The block of a name: the first two letters of its first word and of its second ("initech systems" → "in sy"). */
    static String prefix(String key) {
        int space = key.indexOf(' ');
        String first = space < 0 ? key : key.substring(0, space);
        String head = first.length() <= 2 ? first : first.substring(0, 2);
        if (space < 0) {
            return head;
        }
        int end = key.indexOf(' ', space + 1);
        String second = end < 0 ? key.substring(space + 1) : key.substring(space + 1, end);
        return head + ' ' + (second.length() <= 2 ? second : second.substring(0, 2));
    }

    /** {@code existing} without {@code removed}; null (no entry left) removes the name. */
    private static Object removeEntry(Object existing, Entry removed) {
        if (existing instanceof Entry e) {
            return e.id().equals(removed.id()) ? null : e;
        }
        Entry[] left = Arrays.stream((Entry[]) existing).filter(e -> !e.id().equals(removed.id())).toArray(Entry[]::new);
        return left.length == 0 ? null : left.length == 1 ? left[0] : left;
    }

    private static Object addEntry(Object existing, Object added) {
        Entry[] before = existing instanceof Entry e ? new Entry[] {e} : (Entry[]) existing;
        Entry[] after = Arrays.copyOf(before, before.length + 1);
        after[before.length] = (Entry) added;
        return after;
    }

    private static String intern(Map<String, String> shared, String s) {
        return s == null ? null : shared.computeIfAbsent(s, x -> x);
    }
}
