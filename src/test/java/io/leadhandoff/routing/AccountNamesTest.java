package io.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AccountNamesTest {

    private static final List<String> SUFFIXES = List.of("Inc", "Inc.", "LLC", "Ltd", "Ltd.", "Limited", "GmbH", "AG", "S.A.", "SAS",
            "B.V.", "Pty Ltd", "K.K.", "Co.", "Corp.", "Company", "plc", "GmbH & Co. KG");

    @Provide
    Arbitrary<String> words() {
        // plain company words: letters only, never a legal form or an article themselves
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(10)
                .filter(w -> AccountNames.normalize("zz " + w + " zz").equals("zz " + w + " zz")
                        && AccountNames.normalize("zz " + w).equals("zz " + w) && AccountNames.normalize(w + " zz").equals(w + " zz")).list().ofMinSize(1).ofMaxSize(4)
                .map(ws -> String.join(" ", ws));
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.of(SUFFIXES);
    }

    @Property
    void isIdempotent(@ForAll String name) {
        String once = AccountNames.normalize(name);
        assertThat(AccountNames.normalize(once)).isEqualTo(once);
    }

    @Property
    void keepsOnlyLowerCaseWordsSeparatedBySingleSpaces(@ForAll String name) {
        String n = AccountNames.normalize(name);
        assertThat(n).matches("([\\p{L}\\p{N}\\p{M}]+( [\\p{L}\\p{N}\\p{M}]+)*)?");
        assertThat(n).isEqualTo(n.toLowerCase(Locale.ROOT));
    }

    @Property
    void ignoresCase(@ForAll("words") String name) {
        assertThat(AccountNames.normalize(name.toUpperCase(Locale.ROOT))).isEqualTo(AccountNames.normalize(name));
    }

    @Property
    void dropsATrailingLegalForm(@ForAll("words") String name, @ForAll("suffixes") String suffix) {
        assertThat(AccountNames.normalize(name + ", " + suffix)).isEqualTo(AccountNames.normalize(name)).isEqualTo(name);
    }

    @Property
    void dropsALeadingThe(@ForAll("words") String name) {
        assertThat(AccountNames.normalize("The " + name)).isEqualTo(name);
    }

    @Property
    void readsAmpersandAsAnd(@ForAll("words") String left, @ForAll("words") String right) {
        assertThat(AccountNames.normalize(left + " & " + right)).isEqualTo(AccountNames.normalize(left + " and " + right));
    }

    @Property
    void ignoresPunctuationBetweenWords(@ForAll("words") String left, @ForAll("words") String right) {
        assertThat(AccountNames.normalize(left + ", " + right + "!")).isEqualTo(AccountNames.normalize(left + " - " + right));
    }

    @Example
    void foldsAccentsAndSpecialLetters() {
        assertThat(AccountNames.normalize("Société Générale S.A.")).isEqualTo("societe generale");
        assertThat(AccountNames.normalize("Müller & Søn GmbH")).isEqualTo("muller and son");
        assertThat(AccountNames.normalize("Straßenbau AG")).isEqualTo("strassenbau");
    }

    @Example
    void removesLegalFormsOfOtherScripts() {
        assertThat(AccountNames.normalize("株式会社トヨタ")).isEqualTo("トヨタ");
        assertThat(AccountNames.normalize("ООО «Ромашка»")).isEqualTo("ромашка");
    }

    @Example
    void keepsAWordThatWouldOtherwiseBeEmptied() {
        assertThat(AccountNames.normalize("The Company")).isEqualTo("company");
        assertThat(AccountNames.normalize("  ")).isEmpty();
        assertThat(AccountNames.normalize(null)).isEmpty();
    }
}
