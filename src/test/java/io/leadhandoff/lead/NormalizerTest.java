package io.leadhandoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private static LeadRequest lead(String email) {
        return new LeadRequest(null, null, email, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    private static LeadRequest lead(String email, String phone, String country, String website) {
        return new LeadRequest(null, null, email, null, null, null, website, null, phone, country, null, null, null, null,
                null, null, null, null, null, null);
    }

    @Test
    void lowerCasesAndTrimsEmailKeepingTheRawValue() {
        NormalizedLead n = Normalizer.normalize(lead("  Ada.Lovelace@Analytical-Engines.EXAMPLE "));
        assertThat(n.email()).isEqualTo("ada.lovelace@analytical-engines.example");
        assertThat(n.emailRaw()).isEqualTo("  Ada.Lovelace@Analytical-Engines.EXAMPLE ");
        assertThat(n.domain()).isEqualTo("analytical-engines.example");
        assertThat(n.freeEmail()).isFalse();
    }

    @Test
    void keepsNoRawValueWhenNothingChanged() {
        NormalizedLead n = Normalizer.normalize(lead("ada@example.com", "+442079460958", "GB", null));
        assertThat(n.emailRaw()).isNull();
        assertThat(n.phoneRaw()).isNull();
        assertThat(n.countryRaw()).isNull();
    }

    @Test
    void flagsFreeMailAndTakesTheCompanyDomainFromTheWebsite() {
        NormalizedLead n = Normalizer.normalize(lead("ada@gmail.com", null, null, "https://www.Analytical-Engines.example/about"));
        assertThat(n.freeEmail()).isTrue();
        assertThat(n.domain()).isEqualTo("analytical-engines.example");
    }

    @Test
    void freeMailWithoutWebsiteKeepsTheMailboxDomain() {
        assertThat(Normalizer.normalize(lead("ada@outlook.com")).domain()).isEqualTo("outlook.com");
    }

    @Test
    void resolvesCountryCodesAndEnglishNames() {
        assertThat(Normalizer.normalize(lead("a@b.com", null, "United Kingdom", null)).country()).isEqualTo("GB");
        assertThat(Normalizer.normalize(lead("a@b.com", null, "usa", null)).country()).isEqualTo("US");
        assertThat(Normalizer.normalize(lead("a@b.com", null, "DEU", null)).country()).isEqualTo("DE");
        assertThat(Normalizer.normalize(lead("a@b.com", null, "fr", null)).country()).isEqualTo("FR");
        assertThat(Normalizer.normalize(lead("a@b.com", null, "Côte d’Ivoire", null)).country()).isEqualTo("CI");
    }

    @Test
    void keepsAnUnknownCountryAsSent() {
        NormalizedLead n = Normalizer.normalize(lead("a@b.com", null, "Atlantis", null));
        assertThat(n.country()).isNull();
        assertThat(n.countryRaw()).isEqualTo("Atlantis");
    }

    @Test
    void formatsPhoneAsE164UsingTheCountry() {
        NormalizedLead n = Normalizer.normalize(lead("a@b.com", "020 7946 0958", "GB", null));
        assertThat(n.phone()).isEqualTo("+442079460958");
        assertThat(n.phoneRaw()).isEqualTo("020 7946 0958");
        assertThat(Normalizer.normalize(lead("a@b.com", "+1 (415) 555-0132", null, null)).phone()).isEqualTo("+14155550132");
    }

    @Test
    void keepsAnUnparseablePhoneAsSent() {
        NormalizedLead n = Normalizer.normalize(lead("a@b.com", "call me maybe", null, null));
        assertThat(n.phone()).isEqualTo("call me maybe");
        assertThat(n.phoneRaw()).isNull();
    }

    @Test
    void removesControlCharactersAndComposesUnicode() {
        assertThat(Normalizer.text("  Jos\u0065\u0301\u0000 \tMaría\u0007 ")).isEqualTo("José María");
        assertThat(Normalizer.text(" \u0000 ")).isNull();
    }

    @Test
    void lowerCasesSourceNames() {
        LeadRequest in = new LeadRequest("1", " HubSpot ", "a@b.com", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, Map.of());
        assertThat(Normalizer.normalize(in).source()).isEqualTo("hubspot");
    }

    @Property
    void normalisedTextNeverHasControlCharactersOrOuterWhitespace(@ForAll @StringLength(max = 200) String value) {
        String text = Normalizer.text(value);
        if (text != null) {
            assertThat(text).doesNotContainPattern("\\p{Cc}");
            assertThat(text).isEqualTo(text.strip());
            assertThat(text).isNotEmpty();
            assertThat(java.text.Normalizer.isNormalized(text, java.text.Normalizer.Form.NFC)).isTrue();
        }
    }

    @Property
    void normalisationIsIdempotent(@ForAll @StringLength(max = 200) String value) {
        String once = Normalizer.text(value);
        assertThat(Normalizer.text(once)).isEqualTo(once);
    }

    @Property
    void normalisedEmailIsLowerCaseAndItsDomainIsTheEmailsDomain(@ForAll("emails") String email) {
        NormalizedLead n = Normalizer.normalize(lead(email));
        assertThat(n.email()).isEqualTo(n.email().toLowerCase(java.util.Locale.ROOT));
        assertThat(n.email()).endsWith("@" + n.domain());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> emails() {
        net.jqwik.api.Arbitrary<String> local = net.jqwik.api.Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
        net.jqwik.api.Arbitrary<String> label = net.jqwik.api.Arbitraries.strings().alpha().ofMinLength(2).ofMaxLength(12);
        return net.jqwik.api.Combinators.combine(local, label, label, net.jqwik.api.Arbitraries.of("", " ", "  "))
                .as((l, d, tld, pad) -> pad + l + "@" + d + "." + tld + pad);
    }
}
