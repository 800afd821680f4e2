package io.bayesfuse.kernels;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** A package per idea, without cycles; the mathematics knows nothing of Kafka, Avro or the other modules. */
class KernelsArchitectureTest {

    private static final JavaClasses KERNELS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.bayesfuse.kernels");

    @Test
    void packagesDoNotDependOnEachOtherInACycle() {
        slices().matching("io.bayesfuse.kernels.(*)..").should().beFreeOfCycles().check(KERNELS);
    }

    @Test
    void kernelsUseNeitherKafkaNorAvroNorTheOtherModules() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.apache.kafka..", "org.apache.avro..", "io.bayesfuse.topology..", "io.bayesfuse.app..", "io.bayesfuse.schemas..")
                .check(KERNELS);
    }

    @Test
    void theFiltersAndTheAdaptationKernelsDoNotKnowAboutEntitiesOrStorage() {
        noClasses().that().resideInAnyPackage("io.bayesfuse.kernels.filter..", "io.bayesfuse.kernels.motion..",
                        "io.bayesfuse.kernels.measurement..", "io.bayesfuse.kernels.gating..",
                        "io.bayesfuse.kernels.changepoint..", "io.bayesfuse.kernels.adaptive..", "io.bayesfuse.kernels.smoothing..")
                .should().dependOnClassesThat().resideInAnyPackage("io.bayesfuse.kernels.entity..", "io.bayesfuse.kernels.codec..")
                .check(KERNELS);
    }
}
