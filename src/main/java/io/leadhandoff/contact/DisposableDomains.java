package io.leadhandoff.contact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Throwaway email domains, from the maintained list shipped in {@code contact/disposable-email-domains.txt}
 * (its header names its source and licence). A subdomain of a listed domain is disposable too.
 */
public final class DisposableDomains {

    private static final Set<String> DOMAINS = load();

    private DisposableDomains() {
    }

    public static boolean contains(String domain) {
        if (domain == null) {
            return false;
        }
        String d = domain.toLowerCase(Locale.ROOT);
        while (true) {
            if (DOMAINS.contains(d)) {
                return true;
            }
            int dot = d.indexOf('.');
            if (dot < 0 || d.indexOf('.', dot + 1) < 0) {
                return false;
            }
            d = d.substring(dot + 1);
        }
    }

    static int size() {
        return DOMAINS.size();
    }

    private static Set<String> load() {
        Set<String> domains = new HashSet<>();
        try (InputStream in = DisposableDomains.class.getResourceAsStream("/contact/disposable-email-domains.txt")) {
            if (in == null) {
                throw new IllegalStateException("contact/disposable-email-domains.txt is missing from the class path");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String domain = line.trim().toLowerCase(Locale.ROOT);
                if (!domain.isEmpty() && !domain.startsWith("#")) {
                    domains.add(domain);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(domains);
    }
}
