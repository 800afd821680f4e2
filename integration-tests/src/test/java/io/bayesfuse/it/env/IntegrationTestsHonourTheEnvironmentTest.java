package io.bayesfuse.it.env;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.bayesfuse.app.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every integration test runs against the environment {@value TestEnvironments#PROPERTY} selects,
 * unless its subject is the application's embedded broker ({@link EmbeddedBrokerUnderTest}): a test
 * that starts a broker of its own would silently ignore {@code -Dbayesfuse.it.environment=docker}.
 */
class IntegrationTestsHonourTheEnvironmentTest {

    private static final JavaClasses TESTS = new ClassFileImporter().importPackages("io.bayesfuse.it");

    @Test
    void everyIntegrationTestUsesTheSelectedEnvironmentOrSaysItTestsTheEmbeddedBroker() {
        assertThat(TESTS.stream().filter(c -> c.getSimpleName().endsWith("IT")).count()).as("integration tests found")
                .isGreaterThanOrEqualTo(15);
        classes().that().haveSimpleNameEndingWith("IT").and().areNotAnnotatedWith(EmbeddedBrokerUnderTest.class)
                .should().dependOnClassesThat().areAssignableTo(TestEnvironments.class)
                .check(TESTS);
    }

    @Test
    void noIntegrationTestStartsABrokerOfItsOwnUnlessTheEmbeddedBrokerIsItsSubject() {
        noClasses().that().haveSimpleNameEndingWith("IT").and().areNotAnnotatedWith(EmbeddedBrokerUnderTest.class)
                .should().dependOnClassesThat().areAssignableTo(EmbeddedKafkaBroker.class)
                .check(TESTS);
    }
}
