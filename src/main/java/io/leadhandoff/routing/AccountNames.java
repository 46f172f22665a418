package io.leadhandoff.routing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The compared form of a company name: accents and case folded, punctuation gone, "&amp;" read as "and", a leading
 * "The" and trailing legal forms (Inc, LLC, Ltd, GmbH, AG, S.A., SAS, B.V., Pty Ltd, K.K., Co …) removed, so
 * "The Acme Company" and "ACME Co." are both {@code acme}. Letters of every script are kept ("株式会社トヨタ" is
 * {@code トヨタ}); a name that would be emptied keeps its last word. Pure.
 */
public final class AccountNames {

    private static final Pattern COMBINING = Pattern.compile("[\\u0300-\\u036f]");
    /** Dots and apostrophes join what they separate ("S.A." is "sa", "O'Neil" is "oneil"); other punctuation splits. */
    private static final Pattern JOINING = Pattern.compile("[.'’`´]");
    private static final Pattern SPLITTING = Pattern.compile("[^\\p{L}\\p{N}\\p{M}]+");
    private static final Map<String, String> FOLDS = Map.of("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "ł", "l", "đ", "d",
            "ð", "d", "þ", "th", "ı", "i");
    /** Legal forms, as the words they become once folded; removed from the end, repeatedly. */
    private static final Set<String> LEGAL_SUFFIXES = Set.of(
            "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "plc", "corp", "corporation", "co", "company",
            "gmbh", "mbh", "ag", "kg", "ug", "ev", "se", "sa", "sas", "sarl", "sasu", "sca", "nv", "bv", "cv", "vof",
            "pty", "pte", "pvt", "private", "kk", "yk", "gk", "kabushiki", "kaisha", "srl", "spa", "sl", "slu", "ltda",
            "oy", "oyj", "ab", "as", "asa", "aps", "sro", "kft", "zrt", "doo", "ooo", "oao", "zao", "pao",
            "株式会社", "有限会社", "合同会社", "ооо", "оао", "зао", "пао", "ао", "ип", "and");
    /** Legal forms that lead the name in some countries ("株式会社トヨタ", "ООО Ромашка"), and the English article. */
    private static final Set<String> LEADING = Set.of("the", "株式会社", "有限会社", "合同会社", "ооо", "оао", "зао", "пао", "ао", "ип");
    /** Japanese legal forms written inside the name, without a space. */
    private static final List<String> JAPANESE_FORMS = List.of("株式会社", "有限会社", "合同会社");

    private AccountNames() {
    }

    /** The compared form of {@code name}; empty when it holds no letter or digit (or is null). */
    public static String normalize(String name) {
        if (name == null) {
            return "";
        }
        String s = fold(name);
        for (String form : JAPANESE_FORMS) {
            s = s.replace(form, " " + form + " ");
        }
        s = s.replace("&", " and ").replace("+", " and ");
        s = JOINING.matcher(s).replaceAll("");
        List<String> words = joinInitials(SPLITTING.split(s.strip()));
        while (words.size() > 1 && LEADING.contains(words.get(0))) {
            words.remove(0);
        }
        while (words.size() > 1 && LEGAL_SUFFIXES.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        return String.join(" ", words);
    }

    private static String fold(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        s = COMBINING.matcher(s).replaceAll("");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String one = new String(Character.toChars(cp));
            out.append(FOLDS.getOrDefault(one, one));
            i += Character.charCount(cp);
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /** Runs of single letters are one word: "S A" (from "S. A.") is "sa", "K K" is "kk". */
    private static List<String> joinInitials(String[] parts) {
        List<String> words = new ArrayList<>();
        StringBuilder initials = new StringBuilder();
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            // CJK characters are words of their own, never initials
            if (p.codePointCount(0, p.length()) == 1 && Character.isLetter(p.codePointAt(0)) && p.codePointAt(0) < 0x2E80) {
                initials.append(p);
                continue;
            }
            if (!initials.isEmpty()) {
                words.add(initials.toString());
                initials.setLength(0);
            }
            words.add(p);
        }
        if (!initials.isEmpty()) {
            words.add(initials.toString());
        }
        return words;
    }
}
