package io.leadhandoff.write;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import io.leadhandoff.http.Writes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one write path, as architecture rules over the compiled classes: nothing outside the write path opens a
 * transaction (no {@code @Transactional} but MANDATORY, no {@code QuarkusTransaction}, {@code UserTransaction} or
 * transaction manager, no direct runner), every mutating resource method hands its work to the write path, and the
 * write path itself knows nothing of JAX-RS.
 */
class WritePathRulesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.leadhandoff");

    /** The write path: the runner and the key store it reserves and completes keys in. */
    private static final DescribedPredicate<JavaClass> WRITE_PATH = DescribedPredicate.describe("the write path",
            c -> c.getPackageName().equals("io.leadhandoff.write") || c.getPackageName().equals("io.leadhandoff.idempotency"));

    /**
     * Mutating methods that need no write path: previews, simulations and a webhook's test event change nothing; a tool's signed event is
     * deduplicated by its event id and written through {@link WritePath#transaction}; the console's sign-in form writes
     * its session through {@link WritePath#transaction} in {@code ConsoleAuth}.
     */
    private static final Set<String> NOT_WRITES = Set.of(
            "io.leadhandoff.lead.ScoringPreviewResource.preview",
            "io.leadhandoff.lead.RoutingSimulationResource.simulate",
            "io.leadhandoff.webhook.WebhookResource.test",
            "io.leadhandoff.source.SourceEventsResource.receive",
            "io.leadhandoff.console.ConsoleSessionResource.signIn",
            "io.leadhandoff.console.ConsoleSessionResource.signOut");

    @Test
    void onlyTheWritePathOpensTransactions() {
        ArchRule rule = noClasses().that(DescribedPredicate.not(WRITE_PATH))
                .should().dependOnClassesThat().haveFullyQualifiedName("io.quarkus.narayana.jta.QuarkusTransaction")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.transaction.UserTransaction")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.transaction.TransactionManager")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(TransactionRunner.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(Transactor.class.getName())
                .because("resources, services and jobs run in the transaction the write path (WritePath, Reads) gives them");
        rule.check(MAIN);
    }

    @Test
    void servicesOnlyJoinTheTransactionTheyAreGiven() {
        ArchRule classes = ArchRuleDefinition.classes().that(DescribedPredicate.not(WRITE_PATH)).should(joinOnly("class"));
        ArchRule methods = ArchRuleDefinition.methods().that().areDeclaredInClassesThat(DescribedPredicate.not(WRITE_PATH))
                .should(joinOnly("method"));
        classes.check(MAIN);
        methods.check(MAIN);
    }

    @Test
    void everyMutatingResourceMethodGoesThroughTheWritePath() {
        ArchRule rule = ArchRuleDefinition.methods()
                .that(DescribedPredicate.describe("answer POST, PUT, PATCH or DELETE", WritePathRulesTest::mutating))
                .and(DescribedPredicate.describe("are writes", m -> !NOT_WRITES.contains(m.getOwner().getName() + "." + m.getName())))
                .should(callTheWritePath());
        rule.check(MAIN);
    }

    @Test
    void theWritePathKnowsNothingOfJaxRs() {
        noClasses().that().resideInAPackage("io.leadhandoff.write")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..", "io.quarkus.resteasy..")
                .check(MAIN);
    }

    @Test
    void theRulesSeeTheResourcesAndTheExceptionsStillExist() {
        long mutating = MAIN.stream().flatMap(c -> c.getMethods().stream()).filter(WritePathRulesTest::mutating).count();
        assertThat(mutating).as("mutating resource methods found").isGreaterThan(25);
        NOT_WRITES.forEach(name -> assertThat(MAIN.stream().flatMap(c -> c.getMethods().stream())
                .anyMatch(m -> (m.getOwner().getName() + "." + m.getName()).equals(name) && mutating(m)))
                .as("%s is still a mutating resource method", name).isTrue());
    }

    private static boolean mutating(JavaMethod method) {
        return Stream.of(POST.class, PUT.class, PATCH.class, DELETE.class).anyMatch(method::isAnnotatedWith);
    }

    private static ArchCondition<JavaMethod> callTheWritePath() {
        return new ArchCondition<>("hand their work to the write path (Writes or WritePath)") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean calls = method.getMethodCallsFromSelf().stream().map(call -> call.getTargetOwner().getName())
                        .anyMatch(owner -> owner.equals(Writes.class.getName()) || owner.equals(WritePath.class.getName()));
                if (!calls) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName() + " does not call the write path"));
                }
            }
        };
    }

    private static <T extends HasAnnotations<?>> ArchCondition<T> joinOnly(String what) {
        return new ArchCondition<>("use @Transactional only as MANDATORY") {
            @Override
            public void check(T item, ConditionEvents events) {
                Optional<? extends JavaAnnotation<?>> annotation = item.tryGetAnnotationOfType(Transactional.class.getName());
                if (annotation.isEmpty()) {
                    return;
                }
                Object value = annotation.get().get("value").orElse(null);
                boolean mandatory = value instanceof JavaEnumConstant constant && constant.name().equals("MANDATORY");
                if (!mandatory) {
                    events.add(SimpleConditionEvent.violated(item, item.getDescription() + " (" + what + ") opens a transaction with "
                            + "@Transactional(" + (value == null ? "REQUIRED" : value) + "); services join with MANDATORY"));
                }
            }
        };
    }
}
