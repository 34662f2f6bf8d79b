package io.vigie.agent.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries of the agent, enforced by the build (docs/architecture.md, "Boundaries"): the agent builds on
 * checks only, never on the console (they meet through the report format), only {@code exec} starts processes, and
 * its packages form no cycle.
 */
@AnalyzeClasses(packages = "io.vigie.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class AgentArchitectureTest {

    @ArchTest
    static final ArchRule agent_does_not_depend_on_console = noClasses()
            .that().resideInAPackage("io.vigie.agent..")
            .should().dependOnClassesThat().resideInAPackage("io.vigie.console..")
            .because("the agent talks to the console only through the report format and its HTTP API");

    @ArchTest
    static final ArchRule only_the_command_runner_starts_processes = noClasses()
            .that().resideOutsideOfPackage("io.vigie.agent.exec..")
            .should().dependOnClassesThat().areAssignableTo(ProcessBuilder.class)
            .orShould().callMethodWhere(target(name("exec")).and(target(owner(assignableTo(Runtime.class)))))
            .because("every OS command goes through CommandRunner (timeout, tree kill, LC_ALL=C)");

    @ArchTest
    static final ArchRule agent_packages_form_no_cycle = slices()
            .matching("io.vigie.agent.(**)")
            .should().beFreeOfCycles();
}
