package io.leadhandoff.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class IdentityTest {

    @Provide
    Arbitrary<String> cyrillicLookAlikes() {
        return Arbitraries.of("а", "е", "о", "р", "с", "х", "у", "і");
    }

    @Property
    void caseNeverMakesTwoIdentities(@ForAll @AlphaChars @StringLength(min = 1, max = 30) String local,
                                     @ForAll @AlphaChars @StringLength(min = 1, max = 20) String domain) {
        String address = local + "@" + domain + ".example";
        assertThat(Identity.email(address.toUpperCase(Locale.ROOT))).isEqualTo(Identity.email(address.toLowerCase(Locale.ROOT)));
    }

    @Property
    void normalisingTwiceChangesNothing(@ForAll String text) {
        assertThat(Identity.fold(Identity.fold(text))).isEqualTo(Identity.fold(text));
    }

    @Property
    void theComparedFormOfAnAddressIsStable(@ForAll @StringLength(min = 1, max = 20) String local,
                                            @ForAll @AlphaChars @StringLength(min = 1, max = 20) String domain) {
        String once = Identity.email(local + "@" + domain + ".example");
        assertThat(Identity.email(once)).isEqualTo(once);
    }

    @Property
    void oneLookAlikeLetterInALatinPartIsCaughtWhereverItSits(@ForAll @AlphaChars @StringLength(min = 2, max = 20) String latin,
                                                             @ForAll("cyrillicLookAlikes") String lookAlike,
                                                             @ForAll @IntRange(min = 0, max = 20) int at) {
        String ascii = latin.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "a");
        int position = Math.min(at, ascii.length());
        String spoofed = ascii.substring(0, position) + lookAlike + ascii.substring(position);
        assertThat(Identity.mixedScriptPart(spoofed + "@example.com")).isNotNull();
        assertThat(Identity.mixedScriptPart("ada@" + spoofed + ".com")).isNotNull();
        assertThat(Identity.mixedScriptPart(ascii + "@example.com")).isNull();
    }

    @Test
    void aPunycodeDomainAndItsUnicodeFormAreOneDomain() {
        assertThat(Identity.email("ada@Müller.example")).isEqualTo("ada@xn--mller-kva.example");
        assertThat(Identity.email("ada@xn--mller-kva.example")).isEqualTo("ada@xn--mller-kva.example");
        assertThat(Identity.domain("MÜLLER.EXAMPLE")).isEqualTo("xn--mller-kva.example");
        assertThat(Identity.domain("bad..example")).isNull();
    }

    @Test
    void fullWidthLigaturesAndTurkishCapitalsFoldToOneAddress() {
        assertThat(Identity.email("ＡＤＡ@example.com")).isEqualTo("ada@example.com");
        assertThat(Identity.email("ﬁnance@example.com")).isEqualTo("finance@example.com");
        assertThat(Identity.email("İNFO@example.com")).isEqualTo("info@example.com");
        assertThat(Identity.email("STRAẞE@example.com")).isEqualTo("strasse@example.com");
    }

    @Test
    void singleScriptAddressesInOtherScriptsAreAccepted() {
        assertThat(Identity.mixedScriptPart("иван@пример.рф")).isNull();
        assertThat(Identity.mixedScriptPart("山田たろう@例え.jp")).isNull();
        assertThat(Identity.mixedScriptPart("ada.lovelace+leads@example.com")).isNull();
        assertThat(Identity.mixedScriptPart("аda@example.com")).isEqualTo("аda");
    }
}
