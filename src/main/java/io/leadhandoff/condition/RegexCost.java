package io.leadhandoff.condition;

/**
 * What an RE2 pattern costs before it is compiled. RE2 matches in time linear in the input, but it
 * expands counted repetition when it compiles: {@code ((a{1,100}){1,100}){1,100}} is a million
 * instructions from 21 characters. RE2/J does not expose its program, so this estimates it from the
 * pattern's structure, as an upper bound of the same order: a counted repetition {@code x{n,m}} costs
 * {@code m} copies of {@code x}, and nested ones multiply. Unparseable input is still estimated (RE2
 * refuses it afterwards); the estimate never runs longer than one pass over the pattern.
 */
public final class RegexCost {

    /** The estimate: program size, the largest single counted bound, the largest product of nested bounds. */
    public record Cost(long size, long maxRepeat, long repeatProduct) {
    }

    private record Part(long size, long product) {
    }

    private static final long SATURATED = 1L << 40;

    private final String p;
    private int i;
    private long maxRepeat;
    private long maxProduct = 1;

    private RegexCost(String pattern) {
        this.p = pattern;
    }

    public static Cost of(String pattern) {
        RegexCost parser = new RegexCost(pattern);
        long size = 0;
        long product = 1;
        while (parser.i < pattern.length()) {
            Part part = parser.alternation();
            size = add(size, part.size());
            product = Math.max(product, part.product());
            if (parser.i < pattern.length()) {
                parser.i++; // an unbalanced ')': RE2 refuses it; keep estimating the rest
            }
        }
        return new Cost(size, parser.maxRepeat, Math.max(product, parser.maxProduct));
    }

    private Part alternation() {
        Part first = concatenation();
        long size = first.size();
        long product = first.product();
        while (i < p.length() && p.charAt(i) == '|') {
            i++;
            Part next = concatenation();
            size = add(add(size, next.size()), 1);
            product = Math.max(product, next.product());
        }
        return new Part(size, product);
    }

    private Part concatenation() {
        long size = 0;
        long product = 1;
        Part last = new Part(0, 1);
        while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
            Part atom = atom();
            if (atom == null) {
                // a flag group such as (?i) is transparent: a repetition after it repeats the atom before it
                Part again = repeated(last);
                size = add(Math.max(0, size - last.size()), again.size());
                last = again;
            } else {
                last = repeated(atom);
                size = add(size, last.size());
            }
            product = Math.max(product, last.product());
        }
        return new Part(size, product);
    }

    private Part repeated(Part atom) {
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*' || c == '+' || c == '?') {
                i++;
                if (i < p.length() && p.charAt(i) == '?') {
                    i++;
                }
                // one alternation, and one more where RE2 guards a loop over something that may match empty
                atom = new Part(add(atom.size(), 2), atom.product());
            } else if (c == '{') {
                long[] bounds = countedBounds();
                if (bounds == null) {
                    return atom; // not a repetition: '{' is a literal, read as the next atom
                }
                // RE2 writes x{n,m} as n copies of x and m-n optional ones (one alternation each), x{n,} as n copies and a star
                long low = bounds[0];
                long high = bounds[1];
                long bound = high < 0 ? add(low, 1) : Math.max(low, high);
                maxRepeat = Math.max(maxRepeat, bound);
                long copies = Math.max(high < 0 ? low : Math.max(low, high), 1);
                // the star of x{n,} costs what a '*' costs: an alternation and, for an empty-matching x, a guard
                long extra = high < 0 ? 2 : Math.max(0, high - low);
                long product = mul(atom.product(), Math.max(bound, 1));
                maxProduct = Math.max(maxProduct, product);
                // x{0} and x{0,0} match only the empty string: RE2 compiles them to one empty-width instruction
                atom = high == 0 ? new Part(1, product) : new Part(add(mul(atom.size(), copies), extra), product);
            } else {
                return atom;
            }
        }
        return atom;
    }

    /** Reads {n}, {n,} or {n,m} (and a lazy '?'): {n, m}, m = -1 for no upper bound; null when this is no repetition. */
    private long[] countedBounds() {
        int j = i + 1;
        int start = j;
        while (j < p.length() && Character.isDigit(p.charAt(j))) {
            j++;
        }
        if (j == start || j >= p.length()) {
            return null;
        }
        long low = number(start, j);
        long high = low;
        if (p.charAt(j) == ',') {
            int from = ++j;
            while (j < p.length() && Character.isDigit(p.charAt(j))) {
                j++;
            }
            high = j == from ? -1 : number(from, j);
        }
        if (j >= p.length() || p.charAt(j) != '}') {
            return null;
        }
        i = j + 1;
        if (i < p.length() && p.charAt(i) == '?') {
            i++;
        }
        return new long[] {low, high};
    }

    private long number(int from, int to) {
        return to - from > 12 ? SATURATED : Math.min(SATURATED, Long.parseLong(p.substring(from, to)));
    }

    private Part atom() {
        char c = p.charAt(i);
        switch (c) {
            case '(' -> {
                i++;
                boolean capturing = !(i < p.length() && p.charAt(i) == '?' && i + 1 < p.length() && p.charAt(i + 1) != 'P'
                        && p.charAt(i + 1) != '<');
                if (i < p.length() && p.charAt(i) == '?') {
                    // (?:...), (?P<name>...), (?<name>...), (?flags) or (?flags:...)
                    while (i < p.length() && p.charAt(i) != ':' && p.charAt(i) != ')' && p.charAt(i) != '>') {
                        i++;
                    }
                    if (i < p.length() && p.charAt(i) == ')') {
                        i++;
                        return null;
                    }
                    if (i < p.length()) {
                        i++;
                    }
                }
                Part inner = alternation();
                if (i < p.length() && p.charAt(i) == ')') {
                    i++;
                }
                // an empty group still compiles to an empty-width instruction (found by the upper-bound property)
                return new Part(add(Math.max(1, inner.size()), capturing ? 2 : 0), inner.product());
            }
            case '[' -> {
                skipClass();
                return new Part(1, 1);
            }
            case '\\' -> {
                return new Part(escape(), 1);
            }
            default -> {
                i += Character.charCount(p.codePointAt(i));
                return new Part(1, 1);
            }
        }
    }

    private void skipClass() {
        i++;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        while (i < p.length() && p.charAt(i) != ']') {
            if (p.charAt(i) == '\\') {
                i += 2;
            } else if (p.startsWith("[:", i)) {
                int end = p.indexOf(":]", i + 2);
                i = end < 0 ? i + 1 : end + 2;
            } else {
                i++;
            }
        }
        i = Math.min(p.length(), i + 1);
    }

    /** An escape; {@code \Q...\E} is literal text, one instruction per character. */
    private long escape() {
        i++;
        if (i >= p.length()) {
            return 1;
        }
        char e = p.charAt(i++);
        if (e == 'Q') {
            int end = p.indexOf("\\E", i);
            int stop = end < 0 ? p.length() : end;
            long size = Math.max(1, stop - i);
            i = end < 0 ? p.length() : end + 2;
            return size;
        }
        if ((e == 'p' || e == 'P' || e == 'x') && i < p.length() && p.charAt(i) == '{') {
            int end = p.indexOf('}', i);
            i = end < 0 ? p.length() : end + 1;
        } else if (e == 'p' || e == 'P') {
            i = Math.min(p.length(), i + 1);
        } else if (e == 'x') {
            i = Math.min(p.length(), i + 2);
        }
        return 1;
    }

    private static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    private static long mul(long a, long b) {
        return a == 0 || b == 0 ? 0 : a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b);
    }
}
