package io.bayesfuse.it.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** No module's main code has an import cycle between its packages (each package, at any depth, is one node). */
class PackageCyclesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kernels", "schemas", "topology", "app"})
    void theModulesPackagesFormNoCycle(String module) {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/io/bayesfuse/avro/"))
                .importPackages("io.bayesfuse." + module);
        slices().matching("io.bayesfuse.(**)").should().beFreeOfCycles().check(main);
    }
}
