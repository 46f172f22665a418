package io.leadhandoff.lead;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.leadhandoff.feedback.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The lead aggregate owns its state: no other class writes a {@link Lead} field (intake, merge, cycles, claims, verdicts,
 * erasure all call a method of the lead), its fields are private, and the lifecycle's rule for verdicts lives in {@link Lead#judge}.
 */
class LeadAggregateRulesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.leadhandoff");

    /** Code that is the lead itself: the entity and its nested types. */
    private static final DescribedPredicate<JavaClass> THE_LEAD = DescribedPredicate.describe("the lead",
            c -> c.getName().equals(Lead.class.getName()) || c.getName().startsWith(Lead.class.getName() + "$"));

    /*
     * With the fields private, the compiler already refuses a write from another class (only the lead and its nested
     * types can write them, and those are the lead); the write rule stays for the day a field is opened again, which
     * the privacy rule reports first. No fixture can break it: a class that writes a private lead field does not compile.
     */
    private static final ArchRule ONLY_THE_LEAD_WRITES_ITS_STATE = noClasses().that(DescribedPredicate.not(THE_LEAD))
            .should().setFieldWhere(DescribedPredicate.describe("the field is a lead's",
                    (JavaFieldAccess access) -> access.getTargetOwner().isEquivalentTo(Lead.class)))
            .because("a lead changes only through its own methods, which check the step is allowed");

    private static final ArchRule VERDICTS_ARE_THE_LEADS_RULE = noClasses().that(DescribedPredicate.not(THE_LEAD))
            .should().callMethodWhere(DescribedPredicate.describe("the method reads a verdict's allowed predecessors off an outcome",
                    (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(Outcome.class)
                            && (call.getName().equals("allowedFrom") || call.getName().equals("from"))))
            .because("which status a verdict may follow is Lead.judge's rule");

    private static final ArchRule THE_LEADS_FIELDS_ARE_PRIVATE = fields().that().areDeclaredIn(Lead.class).should().bePrivate()
            .because("the rest of the package reads a lead through its methods and the records they return, so a field can "
                    + "change shape without the package noticing");

    @Test
    void theLeadsFieldsArePrivate() {
        THE_LEADS_FIELDS_ARE_PRIVATE.check(MAIN);
    }

    @Test
    void onlyTheLeadWritesItsFields() {
        ONLY_THE_LEAD_WRITES_ITS_STATE.check(MAIN);
    }

    @Test
    void theVerdictRuleLivesInTheLead() {
        VERDICTS_ARE_THE_LEADS_RULE.check(MAIN);
    }
}
