package io.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InternetDomainName;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AccountDomainsTest {

    @Provide
    Arbitrary<String> labels() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(20)
                .filter(l -> !l.equals("www"));
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.of("com", "co.uk", "com.au", "de", "co.jp", "org", "com.br", "xn--p1ai");
    }

    @Property
    void reducesAnySubdomainToItsRegistrableDomain(@ForAll("labels") String company, @ForAll("suffixes") String suffix,
                                                    @ForAll("labels") String sub1, @ForAll("labels") String sub2) {
        String registrable = company + "." + suffix;
        assumeRegistrable(registrable);
        assertThat(AccountDomains.registrable(sub1 + "." + sub2 + "." + registrable)).isEqualTo(registrable);
        assertThat(AccountDomains.registrable(registrable)).isEqualTo(registrable);
    }

    @Property
    void triesTheHostThenEachParentDownToTheRegistrableDomain(@ForAll("labels") String company, @ForAll("suffixes") String suffix,
                                                                @ForAll("labels") String sub) {
        String registrable = company + "." + suffix;
        assumeRegistrable(registrable);
        assertThat(AccountDomains.lookups(sub + "." + registrable)).containsExactly(sub + "." + registrable, registrable);
    }

    @Property
    void ignoresCaseATrailingDotAndWww(@ForAll("labels") String company, @ForAll("suffixes") String suffix) {
        String registrable = company + "." + suffix;
        assumeRegistrable(registrable);
        assertThat(AccountDomains.canonical("WWW." + registrable.toUpperCase() + ".")).isEqualTo(registrable);
    }

    @Property
    void neverTakesAPublicSuffixForACompany(@ForAll("suffixes") String suffix) {
        assertThat(AccountDomains.canonical(suffix)).isNull();
        assertThat(AccountDomains.lookups(suffix)).isEmpty();
    }

    @Example
    void usesThePublicSuffixList() {
        assertThat(AccountDomains.registrable("eu.acme.co.uk")).isEqualTo("acme.co.uk");
        assertThat(AccountDomains.registrable("ada.github.io")).isEqualTo("ada.github.io");
        assertThat(AccountDomains.canonical("github.io")).isNull();
    }

    @Example
    void comparesInternationalisedDomainsInPunycode() {
        assertThat(AccountDomains.canonical("Müller.de")).isEqualTo("xn--mller-kva.de");
        assertThat(AccountDomains.registrable("shop.müller.de")).isEqualTo("xn--mller-kva.de");
        assertThat(AccountDomains.canonical("пример.рф")).isEqualTo("xn--e1afmkfd.xn--p1ai");
    }

    @Example
    void refusesWhatIsNoDomainName() {
        assertThat(List.of("", "localhost", "not a domain", "a..b", "-a.com")).allSatisfy(d -> assertThat(AccountDomains.canonical(d)).isNull());
    }

    /** A random label can make a suffix of the list's own (hk.com, us.com, eu.org): such a pair is no company's domain. */
    private static void assumeRegistrable(String domain) {
        Assume.that(InternetDomainName.from(domain).isTopPrivateDomain());
    }
}
