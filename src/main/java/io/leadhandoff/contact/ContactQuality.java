package io.leadhandoff.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Can sales reach this person? Facts about a lead's contact data, the signals behind most
 * {@code BAD_CONTACT_DATA} rejections: a phone valid for the lead's country, a role mailbox, a
 * throwaway email domain, placeholder names, no company. Pure; used at intake, in training and in views.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ContactQuality")
public record ContactQuality(
        @Schema(description = "A phone number was given") boolean phonePresent,
        @Schema(description = "The phone is a valid number (libphonenumber) for the lead's country, or for any country when the lead has none") boolean phoneValid,
        @Schema(description = "The email's local part is a role mailbox (info@, sales@, support@, …), not a person") boolean roleMailbox,
        @Schema(description = "The email's domain is a throwaway one (a maintained list)") boolean disposableEmail,
        @Schema(description = "First name, last name or company is a placeholder: test, asdf, n/a, a keyboard run, one repeated letter") boolean placeholderName,
        @Schema(description = "No company given") boolean companyMissing,
        @Schema(description = "How many of the problems above the lead has (a missing phone counts once, an invalid one once)", examples = "1") int issues) {

    /** The fact names, as conditions and learned features see them. */
    public static final String PREFIX = "contact.";

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<String> ROLES = Set.of("info", "sales", "admin", "administrator", "contact", "contacts", "support", "hello",
            "marketing", "office", "team", "noreply", "no-reply", "donotreply", "webmaster", "billing", "accounts", "accounting", "hr",
            "jobs", "careers", "enquiries", "enquiry", "inquiries", "inquiry", "help", "service", "services", "mail", "postmaster",
            "abuse", "press", "media", "privacy", "security", "legal", "finance", "orders", "feedback", "general", "reception",
            "newsletter", "it", "ops", "operations", "purchasing", "procurement");
    /**
     * Whole values only: a real name or company may start with one ("Test Double", "Test IO", "Tester", "Foo", "Na",
     * "Nil", "Sample", "ABC" are people and firms), so nothing here is matched as a prefix or a word.
     */
    private static final Set<String> PLACEHOLDERS = Set.of("test", "testing", "test test", "test user", "test lead", "test company",
            "test name", "asdf", "asd", "qwerty", "foobar", "xxx", "xx", "x", "n/a", "n.a.", "none", "null", "unknown", "abcd",
            "abcdef", "dummy", "fake", "nobody", "noname", "no name", "john doe", "jane doe", "mickey mouse", "blah", "lorem",
            "lorem ipsum", "ipsum", "-", ".", "?", "123");
    /** Four or more keys in a row of a QWERTY keyboard, or of the alphabet in order (three would catch "Stu"). */
    private static final String[] RUNS = {"qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz", "1234567890"};
    /** One character three or more times ("aaa", "xxxx"); twice is a real name ("Aa", "Ee"). */
    private static final Pattern REPEATED = Pattern.compile("(.)\\1{2,}");

    public static ContactQuality of(String email, String domain, String phone, String country, String firstName, String lastName,
                                    String company) {
        boolean phonePresent = phone != null && !phone.isBlank();
        boolean phoneValid = phonePresent && validPhone(phone, country);
        String local = email == null || email.indexOf('@') < 0 ? null : email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
        boolean role = local != null && ROLES.contains(local.split("\\+", 2)[0]);
        String emailDomain = domain != null ? domain : email == null || email.indexOf('@') < 0 ? null : email.substring(email.indexOf('@') + 1);
        boolean disposable = DisposableDomains.contains(emailDomain);
        boolean placeholder = placeholder(firstName) || placeholder(lastName) || placeholder(company);
        boolean companyMissing = company == null || company.isBlank();
        int issues = (phoneValid ? 0 : 1) + (role ? 1 : 0) + (disposable ? 1 : 0) + (placeholder ? 1 : 0) + (companyMissing ? 1 : 0);
        return new ContactQuality(phonePresent, phoneValid, role, disposable, placeholder, companyMissing, issues);
    }

    /** As facts for conditions: {@code contact.phoneValid}, … */
    public Map<String, Object> facts() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(PREFIX + "phonePresent", phonePresent);
        f.put(PREFIX + "phoneValid", phoneValid);
        f.put(PREFIX + "roleMailbox", roleMailbox);
        f.put(PREFIX + "disposableEmail", disposableEmail);
        f.put(PREFIX + "placeholderName", placeholderName);
        f.put(PREFIX + "companyMissing", companyMissing);
        f.put(PREFIX + "issues", issues);
        return f;
    }

    /** Read back from facts named as {@link #facts()} names them; null when they hold none. */
    public static ContactQuality fromFacts(java.util.function.Function<String, Object> facts) {
        if (facts.apply(PREFIX + "phonePresent") == null) {
            return null;
        }
        return new ContactQuality(flag(facts, "phonePresent"), flag(facts, "phoneValid"), flag(facts, "roleMailbox"),
                flag(facts, "disposableEmail"), flag(facts, "placeholderName"), flag(facts, "companyMissing"),
                ((Number) facts.apply(PREFIX + "issues")).intValue());
    }

    private static boolean flag(java.util.function.Function<String, Object> facts, String name) {
        return Boolean.TRUE.equals(facts.apply(PREFIX + name));
    }

    static boolean validPhone(String phone, String country) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(phone, country == null ? "ZZ" : country.toUpperCase(Locale.ROOT));
            return country == null ? PHONES.isValidNumber(number) : PHONES.isValidNumberForRegion(number, country.toUpperCase(Locale.ROOT));
        } catch (NumberParseException e) {
            return false;
        }
    }

    static boolean placeholder(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return false;
        }
        if (PLACEHOLDERS.contains(v.replaceAll("\\s+", " "))) {
            return true;
        }
        String letters = v.replaceAll("[^\\p{L}\\p{N}]", "");
        if (REPEATED.matcher(letters).matches()) {
            return true;
        }
        if (letters.length() >= 4) {
            for (String run : RUNS) {
                if (run.contains(letters) || new StringBuilder(run).reverse().toString().contains(letters)) {
                    return true;
                }
            }
        }
        return false;
    }
}
