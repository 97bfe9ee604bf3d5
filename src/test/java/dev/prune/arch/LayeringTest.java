package dev.prune.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The language core never touches DL4J or ND4J: only dev.prune.dl4j may, so check, plan, fmt and
 * the golden tests never start ND4J.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.prune");

    @Test
    void onlyTheEnginePackageUsesDl4jOrNd4j() {
        noClasses().that().resideOutsideOfPackage("dev.prune.dl4j..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .because("the language core must run without ND4J (check, plan, fmt, golden tests)")
                .check(CLASSES);
    }

    @Test
    void planningNeverReachesTheEngine() {
        noClasses().that().resideInAPackage("dev.prune.plan..")
                .or().haveFullyQualifiedName("dev.prune.cli.PlanCommand")
                .should().dependOnClassesThat().resideInAnyPackage("dev.prune.dl4j..", "dev.prune.interp..")
                .because("prune plan must not start ND4J, and it decides nothing at run time")
                .check(CLASSES);
    }

    @Test
    void aStudyRunsItsRunsAsProcessesAndNeverReachesTheEngine() {
        noClasses().that().resideInAnyPackage("dev.prune.study..", "dev.prune.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.prune.dl4j..", "dev.prune.interp..",
                        "dev.prune.cli..", "picocli..")
                .because("ND4J's thread count is process-wide, so each run of a study is a process of its own")
                .check(CLASSES);
    }

    @Test
    void onlyTheClusterPackageTalksToHazelcast() {
        noClasses().that().resideOutsideOfPackage("dev.prune.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..")
                .because("one package configures the cluster: bound addresses, no multicast, no phone-home")
                .check(CLASSES);
    }

    @Test
    void theCoreDoesNotDependOnTheCommandLine() {
        noClasses().that().resideInAnyPackage("dev.prune.ast..", "dev.prune.parser..", "dev.prune.check..",
                        "dev.prune.front..", "dev.prune.interp..", "dev.prune.schedules..", "dev.prune.pruning..",
                        "dev.prune.builtins..", "dev.prune.engine..", "dev.prune.data..", "dev.prune.stopping..",
                        "dev.prune.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.prune.cli..", "dev.prune.repl..",
                        "dev.prune.lsp..", "dev.prune.dl4j..", "picocli..", "org.jline..", "org.eclipse.lsp4j..")
                .check(CLASSES);
    }

    @Test
    void onlyTheLanguageServerSpeaksTheProtocol() {
        noClasses().that().resideOutsideOfPackage("dev.prune.lsp..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.lsp4j..")
                .because("the editor protocol is one tool over the front end, not part of the language")
                .check(CLASSES);
    }

    @Test
    void theLanguageServerNeverReachesTheEngine() {
        noClasses().that().resideInAPackage("dev.prune.lsp..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.prune.dl4j..", "dev.prune.interp..",
                        "dev.prune.cli..")
                .because("an editor's server checks as prune check does, without ND4J")
                .check(CLASSES);
    }
}
