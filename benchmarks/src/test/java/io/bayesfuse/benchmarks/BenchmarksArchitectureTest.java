package io.bayesfuse.benchmarks;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The benchmarks drive the stages and measure them: like the app, they contain no filtering maths. */
class BenchmarksArchitectureTest {

    private static final JavaClasses BENCHMARKS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.bayesfuse.benchmarks");

    @Test
    void theBenchmarksUseNoMatrixLibraryAndNoFilterInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.ejml..", "org.nd4j..", "io.bayesfuse.kernels.filter..", "io.bayesfuse.kernels.linalg..",
                        "io.bayesfuse.kernels.motion..", "io.bayesfuse.kernels.measurement..", "io.bayesfuse.kernels.gating..")
                .check(BENCHMARKS);
    }
}
