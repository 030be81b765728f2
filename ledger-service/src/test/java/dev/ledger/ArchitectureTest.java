package dev.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The package rules of {@code design.md} ("Where things are"), checked on the compiled service: no two packages
 * depend on each other, and each mode is its own package's business, so that a new mode is a package of its own and
 * {@code contract.Mode}.
 */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ledger");

    /** The top-level packages ({@code api}, {@code mode}, {@code store}, ...) form no cycle. */
    @Test
    void theTopLevelPackagesFormNoCycle() {
        slices().matching("dev.ledger.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    /** Nor do the packages within {@code mode} ({@code mode}, {@code mode.leader}, {@code mode.raft}, ...). */
    @Test
    void theModePackagesFormNoCycle() {
        slices().matching("dev.ledger.mode.(**)").should().beFreeOfCycles().check(SERVICE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"database", "raft", "zookeeper", "workflow"})
    void nothingOutsideAModesPackageDependsOnIt(String family) {
        noClasses().that().resideOutsideOfPackage("dev.ledger.mode." + family + "..")
                .should().dependOnClassesThat().resideInAPackage("dev.ledger.mode." + family + "..")
                .check(SERVICE);
    }

    /**
     * Nor names it: no class, field or method outside the mode's package (and the launcher's {@code contract}, which
     * lists the modes) carries the mode's name. The idempotent mode is left out: every mode takes an idempotency key.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pessimistic:database", "optimistic:database", "raft:raft", "zookeeper:zookeeper",
        "workflow:workflow"})
    void nothingOutsideAModesPackageNamesIt(String modeAndFamily) {
        String mode = modeAndFamily.split(":")[0];
        String family = modeAndFamily.split(":")[1];
        classes().that(outside("dev.ledger.mode." + family + "..", "dev.ledger.contract.."))
                .should(notBeNamedFor(mode)).check(SERVICE);
    }

    private static DescribedPredicate<JavaClass> outside(String... packages) {
        return DescribedPredicate.describe("reside outside " + String.join(", ", packages),
                javaClass -> !javaClass.getPackage().getName().isEmpty() && Arrays.stream(packages)
                        .noneMatch(inside -> JavaClass.Predicates.resideInAPackage(inside).test(javaClass)));
    }

    private static ArchCondition<JavaClass> notBeNamedFor(String mode) {
        return new ArchCondition<>("not be named for mode " + mode + ", nor have a member that is") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                if (namesMode(javaClass.getSimpleName(), mode)) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " names " + mode));
                }
                for (JavaMember member : javaClass.getMembers()) {
                    if (namesMode(member.getName(), mode)) {
                        events.add(SimpleConditionEvent.violated(member, member.getFullName() + " names " + mode));
                    }
                }
            }
        };
    }

    private static boolean namesMode(String name, String mode) {
        return name.toLowerCase(Locale.ROOT).contains(mode);
    }
}
