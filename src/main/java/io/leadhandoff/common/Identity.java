package io.leadhandoff.common;

import com.ibm.icu.text.IDNA;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.Locale;

/**
 * One person, one identity: the form of an email address that de-duplication compares, and the check
 * that refuses look-alike addresses. The local part is NFKC-normalised and case-folded without regard to
 * any locale (so full-width, ligature and upper-case forms are one address; Turkish {@code İ} folds to
 * {@code i}, not {@code i} plus a combining dot). The domain becomes its IDNA ASCII form (UTS 46,
 * non-transitional), so {@code müller.example} and {@code xn--mller-kva.example} are one domain. A part
 * of the address (the local part, or one domain label) that mixes scripts beyond what UTS 39 calls
 * highly restrictive (Latin with Cyrillic or Greek, say) is refused: {@code аda@example.com} with a
 * Cyrillic {@code а} is not Ada. Pure; no framework.
 */
public final class Identity {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE
            | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);
    private static final SpoofChecker SCRIPTS = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .build();

    private Identity() {
    }

    /** The compared form of an address (local part folded, domain in ASCII); input without '@' is only folded. */
    public static String email(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return fold(address);
        }
        String domain = domain(address.substring(at + 1));
        return fold(address.substring(0, at)) + "@" + (domain == null ? fold(address.substring(at + 1)) : domain);
    }

    /** NFKC_Casefold, with the dot of a folded capital İ dropped (i already has one). */
    public static String fold(String text) {
        return NFKC_CASEFOLD.normalize(NFKC_CASEFOLD.normalize(text).replaceAll("i\u0307+", "i"));
    }

    /** The IDNA ASCII (punycode) form of a domain name, lower-case; null when it is not a valid IDNA name. */
    public static String domain(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        IDNA.Info info = new IDNA.Info();
        StringBuilder ascii = UTS46.nameToASCII(name, new StringBuilder(), info);
        return info.hasErrors() || ascii.isEmpty() ? null : ascii.toString().toLowerCase(Locale.ROOT);
    }

    /** The part of the address that mixes scripts (the local part or a domain label), or null when none does. */
    public static String mixedScriptPart(String address) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        if (mixesScripts(local)) {
            return local;
        }
        if (at >= 0) {
            IDNA.Info info = new IDNA.Info();
            String unicode = UTS46.nameToUnicode(address.substring(at + 1), new StringBuilder(), info).toString();
            for (String label : unicode.split("\\.")) {
                if (mixesScripts(label)) {
                    return label;
                }
            }
        }
        return null;
    }

    private static boolean mixesScripts(String part) {
        return !part.isEmpty() && SCRIPTS.failsChecks(fold(part));
    }
}
