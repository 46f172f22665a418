package io.leadhandoff.lead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** Consumer mailbox domains (gmail.com, outlook.com, …): an email there says nothing about a company. */
final class FreeEmailDomains {

    private static final Set<String> DOMAINS = load();

    private FreeEmailDomains() {
    }

    static boolean contains(String domain) {
        return domain != null && DOMAINS.contains(domain);
    }

    private static Set<String> load() {
        Set<String> domains = new HashSet<>();
        try (InputStream in = FreeEmailDomains.class.getResourceAsStream("/free-email-domains.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String domain = line.trim();
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
