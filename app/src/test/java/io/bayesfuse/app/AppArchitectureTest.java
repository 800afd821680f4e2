package io.bayesfuse.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The app does input and output and calls topology and kernels: it contains no filtering maths, which lives in kernels and topology. */
class AppArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.bayesfuse.app");

    @Test
    void theAppUsesNoMatrixLibraryAndNoFilterInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.ejml..", "org.nd4j..", "io.bayesfuse.kernels.filter..", "io.bayesfuse.kernels.linalg..",
                        "io.bayesfuse.kernels.motion..", "io.bayesfuse.kernels.measurement..", "io.bayesfuse.kernels.gating..")
                .check(APP);
    }
}
