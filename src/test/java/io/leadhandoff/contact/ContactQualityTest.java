package io.leadhandoff.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ContactQualityTest {

    private static ContactQuality of(String email, String phone, String country, String first, String last, String company) {
        return ContactQuality.of(email, email.substring(email.indexOf('@') + 1), phone, country, first, last, company);
    }

    @Test
    void aReachablePersonHasNoIssues() {
        ContactQuality q = of("jane.smith@acme.example", "+4930901820", "DE", "Jane", "Smith", "Acme GmbH");
        assertThat(q).isEqualTo(new ContactQuality(true, true, false, false, false, false, 0));
    }

    @Test
    void checksThePhoneForTheLeadsCountry() {
        assertThat(of("a@acme.example", "+4930901820", "DE", "Ann", "Lee", "Acme").phoneValid()).isTrue();
        // a valid German number is not a valid US one
        assertThat(of("a@acme.example", "+4930901820", "US", "Ann", "Lee", "Acme").phoneValid()).isFalse();
        assertThat(of("a@acme.example", "12345", "DE", "Ann", "Lee", "Acme")).extracting(ContactQuality::phonePresent, ContactQuality::phoneValid)
                .containsExactly(true, false);
        assertThat(of("a@acme.example", null, "DE", "Ann", "Lee", "Acme")).extracting(ContactQuality::phonePresent, ContactQuality::phoneValid,
                ContactQuality::issues).containsExactly(false, false, 1);
        assertThat(of("a@acme.example", "+1 650-253-0000", null, "Ann", "Lee", "Acme").phoneValid()).isTrue();
    }

    @Test
    void recognisesRoleMailboxesAndThrowawayDomains() {
        for (String role : List.of("info", "sales", "support", "noreply", "hello", "info+leads")) {
            assertThat(of(role + "@acme.example", null, null, "Ann", "Lee", "Acme").roleMailbox()).as(role).isTrue();
        }
        assertThat(of("information.desk@acme.example", null, null, "Ann", "Lee", "Acme").roleMailbox()).isFalse();
        assertThat(of("ann@mailinator.com", null, null, "Ann", "Lee", "Acme").disposableEmail()).isTrue();
        assertThat(of("ann@eu.mailinator.com", null, null, "Ann", "Lee", "Acme").disposableEmail()).isTrue();
        assertThat(of("ann@acme.example", null, null, "Ann", "Lee", "Acme").disposableEmail()).isFalse();
        assertThat(DisposableDomains.size()).isGreaterThan(1000);
    }

    @Test
    void recognisesPlaceholderNamesButNotShortRealOnes() {
        for (String placeholder : List.of("test", "Test", " TEST ", "asdf", "qwerty", "n/a", "xxx", "aaaa", "zxcv", "Test Company",
                "test  user", "lorem", "Lorem Ipsum", "John Doe", "x", "-", "123", "1234", "lkjh")) {
            assertThat(ContactQuality.placeholder(placeholder)).as(placeholder).isTrue();
        }
        for (String name : List.of("Stu", "Ann", "Lee", "Bo", "Ng", "O'Brien", "Zoë", "Jean-Luc", "Acme", "Testa", "Doe")) {
            assertThat(ContactQuality.placeholder(name)).as(name).isFalse();
        }
        assertThat(of("a@acme.example", null, null, "asdf", "Lee", "Acme").placeholderName()).isTrue();
        assertThat(of("a@acme.example", null, null, "Ann", "Lee", null)).extracting(ContactQuality::companyMissing, ContactQuality::issues)
                .containsExactly(true, 2);
    }

    /** Real people and firms, some of them starting with or looking like a placeholder: none is flagged. */
    private static final List<String> REAL_NAMES = List.of(
            "Test Double", "Test IO", "Test Automation Inc", "Tester", "Testa", "Testino", "Testerman", "Testo SE", "TestRail",
            "Contest GmbH", "Latest Ltd", "Protest Records", "Aa", "Ee", "Na", "Nil", "Foo", "Sample", "ABC", "Ng", "Li", "Lee", "Bo",
            "Ann", "Stu", "Abe", "Abel", "O", "Å", "Xu", "Yu", "Ho", "Do", "Le", "Ma", "Ek", "Öz", "Ito", "Ono", "Asda", "Qwest", "Ertl",
            "Tesco", "Xerox", "Doe", "Doe & Partners", "Null Hypothesis Ltd", "Nobody's Fool Films", "Dummy Corp Holdings",
            "Mickey", "Minnie Mouse Foundation", "Lorenzo", "Ipsen", "Fakenham Printers", "Blahnik", "Sampson", "Zoë", "Øyvind",
            "Nguyễn", "Đặng", "O'Brien", "Jean-Luc", "Mary-Ann", "van der Berg", "McDonald", "Acme", "Aalto", "Aaron", "Saarinen",
            "Llewellyn", "Lloyd", "Heer", "Moon", "Kim", "3M", "1&1", "X-Rite", "Abcam", "Defne", "Opel", "Rstudio", "Uvex", "Klm");

    @Test
    void realNamesAndCompaniesAreNotPlaceholders() {
        assertThat(REAL_NAMES).filteredOn(ContactQuality::placeholder).isEmpty();
    }

    @Property
    void issuesCountTheProblems(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String local,
                                @ForAll @AlphaChars @StringLength(max = 12) String first, @ForAll boolean phone, @ForAll boolean company) {
        ContactQuality q = of(local + "@acme.example", phone ? "+4930901820" : null, "DE", first, "Lee", company ? "Acme" : null);
        int expected = (q.phoneValid() ? 0 : 1) + (q.roleMailbox() ? 1 : 0) + (q.disposableEmail() ? 1 : 0) + (q.placeholderName() ? 1 : 0)
                + (q.companyMissing() ? 1 : 0);
        assertThat(q.issues()).isEqualTo(expected);
        assertThat(ContactQuality.fromFacts(q.facts()::get)).isEqualTo(q);
    }
}
