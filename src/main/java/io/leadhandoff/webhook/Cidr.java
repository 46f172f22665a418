package io.leadhandoff.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An address range ({@code 10.0.0.0/8}, {@code fd00::/8}) or a single address (a range of one). */
record Cidr(byte[] network, int bits) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

    /** The range an allowed-hosts entry names, or null when the entry is a host name. */
    static Cidr parse(String entry) {
        String e = entry.startsWith("[") && entry.contains("]") ? entry.substring(1, entry.indexOf(']')) + entry.substring(entry.indexOf(']') + 1) : entry;
        int slash = e.indexOf('/');
        InetAddress address = literal(slash < 0 ? e : e.substring(0, slash));
        if (address == null) {
            return null;
        }
        int max = address.getAddress().length * 8;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(e.substring(slash + 1));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("lead-handoff.webhooks.allowed-hosts: bad range " + entry);
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("lead-handoff.webhooks.allowed-hosts: bad prefix length in " + entry);
            }
        }
        return new Cidr(address.getAddress(), bits);
    }

    /** The address an IP literal names (without a DNS lookup), or null when it is not one. */
    static InetAddress literal(String host) {
        if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(host); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }
}
