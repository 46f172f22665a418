package io.leadhandoff.routing;

import com.google.common.net.InternetDomainName;
import io.leadhandoff.common.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Domain names as accounts and leads carry them: the IDNA ASCII (punycode) form, lower-case, without a leading
 * "www.", and reduced to the registrable domain through the Public Suffix List (Guava's {@link InternetDomainName}):
 * {@code eu.acme.co.uk} belongs to {@code acme.co.uk}, while {@code co.uk} itself is no one's. A name under no suffix
 * the list knows (an intranet's {@code acme.internal}, the reserved {@code .example}) is taken as it is, without
 * reduction. Pure.
 */
public final class AccountDomains {

    private AccountDomains() {
    }

    /** The stored form of a domain an account claims; null when it is not a domain name, or is a public suffix. */
    public static String canonical(String domain) {
        if (domain == null) {
            return null;
        }
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        String ascii = Identity.domain(d);
        if (ascii == null || ascii.length() > 253 || ascii.indexOf('.') < 0 || !InternetDomainName.isValid(ascii)) {
            return null;
        }
        if (ascii.startsWith("www.") && ascii.indexOf('.', 4) > 0) {
            ascii = ascii.substring(4);
        }
        // a public suffix (com, co.uk, github.io) is nobody's company
        return InternetDomainName.from(ascii).isPublicSuffix() ? null : ascii;
    }

    /** The registrable domain of a host ({@code eu.acme.co.uk} → {@code acme.co.uk}); null when it has none. */
    public static String registrable(String host) {
        String d = canonical(host);
        return d == null ? null : top(d);
    }

    private static String top(String canonical) {
        InternetDomainName name = InternetDomainName.from(canonical);
        return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : canonical;
    }

    /**
     * The names an account could hold for a lead's host, most specific first: the host itself, then each parent
     * down to its registrable domain ({@code emea.eu.acme.com}, {@code eu.acme.com}, {@code acme.com}). Empty when
     * the host has no registrable domain.
     */
    public static List<String> lookups(String host) {
        String d = canonical(host);
        if (d == null) {
            return List.of();
        }
        String top = top(d);
        List<String> out = new ArrayList<>(3);
        String current = d;
        while (true) {
            out.add(current);
            if (current.length() <= top.length()) {
                return out;
            }
            current = current.substring(current.indexOf('.') + 1);
        }
    }
}
