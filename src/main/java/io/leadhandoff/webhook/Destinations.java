package io.leadhandoff.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Server-side request forgery guard. A destination must be https (http only for an allowed host) and its host must
 * resolve to public addresses only, unless the host is allowed by {@code lead-handoff.webhooks.allowed-hosts}. Checked
 * when a subscription is saved and again before every delivery (a name may be re-pointed at a private address after
 * the check: DNS rebinding). The delivery then connects through the JVM's resolver cache, which holds the addresses
 * just checked (30 s by default), so the address connected to is the one checked.
 */
@ApplicationScoped
public class Destinations {

    /** Why a destination is refused. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Resolves host names; replaced in unit tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowedNames = new TreeSet<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final Resolver resolver;

    @Inject
    public Destinations(WebhookConfig config) {
        this(config.allowedHosts().orElse(List.of()), InetAddress::getAllByName);
    }

    Destinations(List<String> allowedHosts, Resolver resolver) {
        this.resolver = resolver;
        for (String entry : allowedHosts) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            Cidr range = Cidr.parse(e);
            if (range != null) {
                allowedRanges.add(range);
            } else {
                allowedNames.add(e);
            }
        }
    }

    /** Parses and checks a destination URL; the message of {@link Refused} says why, for a 422 or an attempt's error. */
    public URI check(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || host.isEmpty()) {
            throw new Refused("must be an absolute https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment");
        }
        boolean allowed = allowed(host);
        if (!"https".equals(scheme) && !("http".equals(scheme) && allowed)) {
            throw new Refused("must be https (http only for a host in lead-handoff.webhooks.allowed-hosts)");
        }
        if (allowed) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare(host));
        } catch (UnknownHostException e) {
            throw new Refused("host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                throw new Refused("host " + host + " resolves to a loopback, private, link-local or metadata address ("
                        + a.getHostAddress() + "); allow it with lead-handoff.webhooks.allowed-hosts if intended");
            }
        }
        return uri;
    }

    /** Whether the URL's host is allowed by name, or is an address literal inside an allowed range. */
    boolean allowed(String host) {
        String h = bare(host).toLowerCase(Locale.ROOT);
        if (allowedNames.contains(h) || allowedNames.contains(host.toLowerCase(Locale.ROOT))) {
            return true;
        }
        InetAddress literal = Cidr.literal(h);
        if (literal == null) {
            return false;
        }
        for (Cidr range : allowedRanges) {
            if (range.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Loopback, unspecified, private (RFC 1918, ULA), link-local (incl. 169.254.169.254), shared (CGNAT) or multicast. */
    static boolean internal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 127 || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local, e.g. fd00:ec2::254 (a cloud metadata address)
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
