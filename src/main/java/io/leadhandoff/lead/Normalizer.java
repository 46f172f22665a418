package io.leadhandoff.lead;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.leadhandoff.common.Identity;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer.Form;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns a posted lead into the values the service works with: trimmed NFC text without control
 * characters, the email's compared form ({@link Identity}) and its domain, ISO country code, E.164 phone.
 * Pure; no framework.
 */
public final class Normalizer {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\u200d]]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Normalizer() {
    }

    public static NormalizedLead normalize(LeadRequest in) {
        String email = text(in.email());
        String normalizedEmail = email == null ? null : Identity.email(email);
        String emailDomain = normalizedEmail == null ? null : normalizedEmail.substring(normalizedEmail.indexOf('@') + 1);
        boolean free = FreeEmailDomains.contains(emailDomain);
        String website = text(in.website());
        String domain = free ? Objects.requireNonNullElse(websiteDomain(website), emailDomain) : emailDomain;

        String countryText = text(in.country());
        String country = Countries.toAlpha2(countryText);
        String phoneText = text(in.phone());
        String phone = e164(phoneText, country);

        LeadRequest.Utm utm = in.utm();
        LeadRequest.Consent consent = in.consent();
        LeadRequest.Activity activity = in.activity();
        return new NormalizedLead(
                text(in.externalId()),
                source(in.source()),
                normalizedEmail,
                differs(in.email(), normalizedEmail),
                domain,
                free,
                text(in.firstName()),
                text(in.lastName()),
                text(in.company()),
                website,
                text(in.title()),
                phone != null ? phone : phoneText,
                phone != null ? differs(in.phone(), phone) : null,
                country,
                country == null ? countryText : differs(in.country(), country),
                text(in.region()),
                text(in.city()),
                text(in.industry()),
                in.employeeCount(),
                in.annualRevenue(),
                text(in.campaign()),
                utm == null ? null : text(utm.source()),
                utm == null ? null : text(utm.medium()),
                utm == null ? null : text(utm.campaign()),
                utm == null ? null : text(utm.term()),
                utm == null ? null : text(utm.content()),
                consent == null ? null : consent.marketing(),
                consent == null ? null : consent.at(),
                activity == null ? 0 : zeroIfNull(activity.formSubmissions()),
                activity == null ? 0 : zeroIfNull(activity.pageViews()),
                activity == null ? 0 : zeroIfNull(activity.emailClicks()),
                activity == null ? 0 : zeroIfNull(activity.webinarsAttended()),
                activity == null ? null : activity.lastActivityAt(),
                attributes(in.attributes()));
    }

    /** Trimmed, NFC, control characters removed, inner whitespace runs folded; blank becomes null. */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        String cleaned = CONTROL.matcher(java.text.Normalizer.normalize(value, Form.NFC)).replaceAll(" ");
        cleaned = WHITESPACE.matcher(cleaned).replaceAll(" ").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** Source names are identifiers: lower-case, so "HubSpot" and "hubspot" are one source. */
    static String source(String value) {
        String text = text(value);
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** E.164 when the number parses and is possible for its region; null otherwise. */
    static String e164(String phone, String countryCode) {
        if (phone == null) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(phone, countryCode == null ? "ZZ" : countryCode);
            if (!PHONES.isPossibleNumber(number)) {
                return null;
            }
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }

    static String websiteDomain(String website) {
        if (website == null) {
            return null;
        }
        String candidate = website.contains("://") ? website : "https://" + website;
        try {
            URI uri = new URI(candidate.replace(" ", "%20"));
            String host = uri.getHost() != null ? uri.getHost() : unicodeHost(uri.getAuthority());
            host = host == null ? null : Identity.domain(host);
            if (host == null || !host.contains(".")) {
                return null;
            }
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** java.net.URI leaves the host of an internationalised name unset; take it from the authority. */
    private static String unicodeHost(String authority) {
        if (authority == null) {
            return null;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int port = host.lastIndexOf(':');
        return port < 0 ? host : host.substring(0, port);
    }

    private static Map<String, Object> attributes(Map<String, Object> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> cleaned = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            String k = text(key);
            if (k != null && value != null) {
                cleaned.put(k, value instanceof String s ? Objects.requireNonNullElse(text(s), "") : value);
            }
        });
        return cleaned;
    }

    private static String differs(String raw, String normalized) {
        return Objects.equals(raw, normalized) ? null : raw;
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}
