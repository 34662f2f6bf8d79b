package io.vigie.checks.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.vigie.checks.rule.BuiltinRules;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries of checks/, enforced by the build (docs/architecture.md, "Boundaries"): checks is the pure core
 * (facts, rules, referential, scoring) that both the agent and the console use, so it depends on neither, touches
 * no operating system, network, database or web API, and its packages form no cycle.
 */
@AnalyzeClasses(packages = "io.vigie.checks", importOptions = ImportOption.DoNotIncludeTests.class)
class ChecksArchitectureTest {

    @ArchTest
    static final ArchRule checks_depends_on_neither_agent_nor_console = noClasses()
            .that().resideInAPackage("io.vigie.checks..")
            .should().dependOnClassesThat().resideInAnyPackage("io.vigie.agent..", "io.vigie.console..")
            .because("the agent and the console both build on checks, never the other way");

    @ArchTest
    static final ArchRule checks_touches_no_os_network_database_or_web_api = noClasses()
            .that().resideInAPackage("io.vigie.checks..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "java.net..", "java.nio.file..", "java.nio.channels..", "java.sql..", "javax.sql..",
                    "io.vertx..", "oshi..", "com.sun.jna..", "org.pcap4j..", "org.snmp4j..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ProcessHandle.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(Process.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(Runtime.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(java.io.File.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(java.io.FileInputStream.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(java.io.FileOutputStream.class.getName())
            .because("checks holds pure facts, rules and scoring: the agent collects, the console stores and serves");

    /**
     * One exclusion, on purpose: {@link BuiltinRules} lists the implementations of {@code rule.builtin} for
     * {@code Catalogue.builtin()}, the composition point every caller (agent, console, {@code Texts}) reaches. Moving
     * that factory into {@code rule.builtin} changes those callers' code, which is left to the console refactor.
     * Every other dependency between the two packages goes one way (builtin → rule).
     */
    @ArchTest
    static final ArchRule checks_packages_form_no_cycle = slices()
            .matching("io.vigie.checks.(**)")
            .should().beFreeOfCycles()
            .ignoreDependency(equivalentTo(BuiltinRules.class), resideInAPackage("io.vigie.checks.rule.builtin"));
}
