package io.vigie.console;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The console's package boundaries, checked on the compiled production classes: the web pages and the REST/agent
 * API are two adapters over the same services and do not know each other; only the composition roots (the server,
 * the command line) open the database; no two packages depend on each other, directly or in a ring; and the
 * console does not use the agent.
 */
class ConsoleArchitectureTest {

    private static final String ROOT = "io.vigie.console";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void theWebDoesNotUseTheApi() {
        noClasses().that().resideInAPackage(ROOT + ".web..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".api..")
                .because("web and api are two adapters over ConsoleServices; what both need lives in intake or http")
                .check(classes);
    }

    @Test
    void adaptersAndConfigurationDoNotReachTheJdbcStores() {
        noClasses().that().resideInAnyPackage(ROOT + ".web..", ROOT + ".api..", ROOT + ".config..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".store.jdbc..")
                .because("they use the store interfaces; only the composition roots choose the JDBC stores")
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootsOpenTheDatabase() {
        noClasses().that().resideOutsideOfPackages(ROOT, ROOT + ".server..", ROOT + ".store.jdbc..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".store.jdbc..")
                .check(classes);
    }

    @Test
    void theConsoleDoesNotUseTheAgent() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.vigie.agent..")
                .because("the console depends on checks only: the agent (and OSHI, JNA, pcap4j, SNMP4J) is a test"
                        + " dependency of its end-to-end tests, and the demo that joins them is the demo module")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }
}
