package io.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.IDN;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A corpus of tricky leads against a fixed set of accounts, each with the decision it must get. */
class AccountMatcherTest {

    private static final AccountMatcher MATCHER = new AccountMatcher(0.92, 0.02);

    private static final AccountIndex CORPUS = AccountIndex.build(List.of(
            row("acme", "Acme Corporation", "rep-acme", null, List.of("acme.com", "acme.co.uk")),
            row("acme-bank", "Acme Bank", null, "acme", List.of("acmebank.com")),
            row("acme-labs", "Acme Labs", null, "acme", List.of("labs.acme.com")),
            row("globex", "Globex, Inc.", "rep-globex", null, List.of("globex.com")),
            row("initech", "Initech Systems", "rep-initech", null, List.of()),
            row("initech-sol", "Initech Solutions", "rep-initech-2", null, List.of()),
            row("stark", "Stark Industries", "rep-stark", null, List.of()),
            row("stark-2", "Stark Industry Ltd", "rep-stark-2", null, List.of()),
            row("wayne", "Wayne Enterprise", "rep-wayne", null, List.of()),
            row("wane", "Wane Enterprises", "rep-wane", null, List.of()),
            row("toyota", "トヨタ自動車株式会社", "rep-toyota", null, List.of("toyota.jp")),
            row("muller", "Müller Maschinenbau GmbH", "rep-muller", null, List.of(AccountDomains.canonical("müller-maschinenbau.de"))),
            row("romashka", "ООО «Ромашка»", "rep-romashka", null, List.of(AccountDomains.canonical("ромашка.рф"))),
            row("umbrella", "Umbrella Holdings", null, null, List.of("umbrella.com"))), 1);

    private static AccountIndex.Row row(String id, String name, String owner, String parent, List<String> domains) {
        return new AccountIndex.Row(id, name, owner, null, parent, domains);
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                // by domain: subdomains reduce to the registrable domain, through the Public Suffix List
                decision(List.of("eu.acme.com"), null, "domain", "acme"),
                decision(List.of("acme.co.uk"), null, "domain", "acme"),
                decision(List.of("mail.eu.acme.co.uk"), "Someone Else Entirely", "domain", "acme"),
                // a subsidiary's own subdomain is more specific than its parent's domain
                decision(List.of("eu.labs.acme.com"), null, "parent", "acme-labs"),
                decision(List.of("acmebank.com"), null, "parent", "acme-bank"),
                // punycode and Unicode forms of one domain are one domain
                decision(List.of(IDN.toASCII("müller-maschinenbau.de")), null, "domain", "muller"),
                decision(List.of("müller-maschinenbau.de"), null, "domain", "muller"),
                decision(List.of("www.ромашка.рф"), null, "domain", "romashka"),
                // a registrable domain's public suffix alone is nobody's
                decision(List.of("co.uk"), null, "none", null),
                // by exact normalised name: legal forms, "The", punctuation, case and accents do not matter
                decision(List.of(), "ACME, Inc.", "name", "acme"),
                decision(List.of(), "The Acme Company", "name", "acme"),
                decision(List.of(), "Acme Co.", "name", "acme"),
                decision(List.of(), "acme corp", "name", "acme"),
                decision(List.of(), "Globex", "name", "globex"),
                decision(List.of(), "MULLER MASCHINENBAU", "name", "muller"),
                decision(List.of(), "Müller Maschinenbau AG", "name", "muller"),
                // non-Latin names, with their legal forms
                decision(List.of(), "トヨタ自動車", "name", "toyota"),
                decision(List.of(), "株式会社トヨタ自動車", "name", "toyota"),
                decision(List.of(), "Ромашка", "name", "romashka"),
                // a child without an owner routes to its parent's owner
                decision(List.of(), "Acme Bank", "parent", "acme-bank"),
                // fuzzily, above the threshold
                decision(List.of(), "Globexx", "fuzzy", "globex"),
                decision(List.of(), "Initech Systemz", "fuzzy", "initech"),
                decision(List.of(), "Stark Industriez", "fuzzy", "stark"),
                // "Acme" is not "Acme Bank", nor a bank of another name
                decision(List.of(), "Acme Banking Group", "none", null),
                decision(List.of(), "Initech", "none", null),
                decision(List.of(), "Umbrella Pharma", "none", null),
                // two accounts within the margin of each other: neither
                decision(List.of(), "Wayne Enterprises", "ambiguous", null),
                // free text that normalises to nothing matches nothing
                decision(List.of(), "Inc.", "none", null),
                decision(List.of(), "", "none", null));
    }

    private static Arguments decision(List<String> domains, String company, String matchedBy, String accountId) {
        return Arguments.of(domains, company, matchedBy, accountId);
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @MethodSource("corpus")
    void decidesEveryTrickyPairAsExpected(List<String> domains, String company, String matchedBy, String accountId) {
        AccountMatcher.Result result = MATCHER.match(CORPUS, new AccountMatcher.Query(domains, company));
        assertThat(result.view().matchedBy()).isEqualTo(matchedBy);
        assertThat(result.view().id()).isEqualTo(accountId);
    }

    @Test
    void acmeDoesNotMatchAcmeBank() {
        AccountIndex onlyTheBank = AccountIndex.build(List.of(row("bank", "Acme Bank", "rep-1", null, List.of())), 1);
        assertThat(MATCHER.match(onlyTheBank, new AccountMatcher.Query(List.of(), "Acme")).view().matchedBy()).isEqualTo("none");
    }

    @Test
    void ambiguousNamesBothCandidatesWithTheirSimilarity() {
        AccountMatchView view = MATCHER.match(CORPUS, new AccountMatcher.Query(List.of(), "Wayne Enterprises")).view();
        assertThat(view.candidates()).extracting(AccountMatchView.Candidate::id).containsExactly("wayne", "wane");
        assertThat(view.candidates().get(0).similarity()).isGreaterThan(0.98);
        assertThat(view.candidates().get(1).similarity()).isGreaterThan(0.98);
    }

    @Test
    void twoAccountsOfTheSameNameAreAmbiguous() {
        AccountIndex twins = AccountIndex.build(List.of(row("a", "Hooli Inc", "rep-1", null, List.of()),
                row("b", "Hooli LLC", "rep-2", null, List.of())), 1);
        AccountMatchView view = MATCHER.match(twins, new AccountMatcher.Query(List.of(), "Hooli")).view();
        assertThat(view.matchedBy()).isEqualTo("ambiguous");
        assertThat(view.candidates()).extracting(AccountMatchView.Candidate::similarity).containsExactly(1.0, 1.0);
    }

    @Test
    void parentFallbackNamesTheRuleThatFoundTheChildAndTheOwningAncestor() {
        AccountMatcher.Result result = MATCHER.match(CORPUS, new AccountMatcher.Query(List.of("acmebank.com"), null));
        assertThat(result.ownerRepId()).isEqualTo("rep-acme");
        assertThat(result.view().foundBy()).isEqualTo("domain");
        assertThat(result.view().ownerAccountId()).isEqualTo("acme");
        assertThat(result.view().name()).isEqualTo("Acme Bank");
    }

    @Test
    void anAccountWithoutOwnerAnywhereMatchesWithoutAnOwner() {
        AccountMatcher.Result result = MATCHER.match(CORPUS, new AccountMatcher.Query(List.of("umbrella.com"), null));
        assertThat(result.view().matchedBy()).isEqualTo("domain");
        assertThat(result.ownerRepId()).isNull();
    }

    @Test
    void fuzzyMatchesCarryTheirSimilarity() {
        AccountMatchView view = MATCHER.match(CORPUS, new AccountMatcher.Query(List.of(), "Globexx")).view();
        assertThat(view.similarity()).isBetween(0.92, 0.99);
    }
}
