package org.workflowengine.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package map of docs/design.md ("Where the code lives") as rules on the compiled main classes:
 * no two packages depend on each other, directly or through others, and every floor depends only on
 * the floors below it. A change that adds an import up fails here, naming the classes.
 */
@AnalyzeClasses(
    packages = "org.workflowengine.persistence",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String P = "org.workflowengine.persistence.";

  @ArchTest
  static final ArchRule noPackageLoops =
      slices().matching("org.workflowengine.persistence.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule groundFloorStandsAlone =
      noClasses()
          .that()
          .resideInAnyPackage(P + "lang", P + "json", P + "security", P + "metrics", P + "trace")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              P + "model..",
              P + "chain..",
              P + "database..",
              P + "snapshot..",
              P + "store..",
              P + "health..",
              P + "rest..",
              P + "telemetry..")
          .because(
              "json, security, lang, metrics and trace are the ground floor every other package"
                  + " stands on");

  @ArchTest
  static final ArchRule modelKnowsNoStorage =
      noClasses()
          .that()
          .resideInAPackage(P + "model")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              P + "chain..", P + "database..", P + "snapshot..", P + "store..", P + "rest..")
          .because("the model is what is stored, not how");

  @ArchTest
  static final ArchRule storeKnowsNoHttp =
      noClasses()
          .that()
          .resideInAnyPackage(
              P + "batch..",
              P + "stream..",
              P + "store..",
              P + "snapshot..",
              P + "chain..",
              P + "database..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(P + "rest..", P + "health..", P + "security..", P + "telemetry..")
          .because(
              "the store library carries no HTTP layer (rest, security, health and telemetry stay"
                  + " out of it)");

  /** The floors of docs/design.md's map, each reached only from the floors above it. */
  @ArchTest
  static final ArchRule theFloorsOfTheMap =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("web")
          .definedBy(P + "rest..", P + "health..", P + "telemetry..")
          .layer("integrations")
          .definedBy(P + "batch..")
          .layer("streams")
          .definedBy(P + "stream..")
          .layer("facade")
          .definedBy(P + "store")
          .layer("jobs")
          .definedBy(
              P + "store.transfer..",
              P + "store.retention..",
              P + "store.startup..",
              P + "store.insight..")
          .layer("archive")
          .definedBy(P + "store.archive..")
          .layer("lines")
          .definedBy(P + "store.lines..")
          .layer("write")
          .definedBy(P + "store.write..")
          .layer("query")
          .definedBy(P + "store.query..")
          .layer("contract")
          .definedBy(P + "store.event..", P + "store.error..", P + "store.metrics..")
          .layer("storage")
          .definedBy(P + "snapshot..", P + "chain..", P + "database..", P + "model..")
          .layer("ground")
          .definedBy(P + "json..", P + "security..", P + "lang..", P + "metrics..", P + "trace..")
          .whereLayer("web")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("integrations")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("streams")
          .mayOnlyBeAccessedByLayers("web")
          .whereLayer("facade")
          .mayOnlyBeAccessedByLayers("web", "integrations", "streams")
          .whereLayer("jobs")
          .mayOnlyBeAccessedByLayers("web", "facade")
          .whereLayer("archive")
          .mayOnlyBeAccessedByLayers("web", "streams", "facade", "jobs")
          .whereLayer("lines")
          .mayOnlyBeAccessedByLayers("web", "facade", "jobs", "archive")
          .whereLayer("write")
          .mayOnlyBeAccessedByLayers("web", "facade", "jobs", "archive", "lines")
          .whereLayer("query")
          .mayOnlyBeAccessedByLayers(
              "web", "streams", "facade", "jobs", "archive", "lines", "write")
          .whereLayer("contract")
          .mayOnlyBeAccessedByLayers(
              "web",
              "integrations",
              "streams",
              "facade",
              "jobs",
              "archive",
              "lines",
              "write",
              "query")
          .whereLayer("storage")
          .mayOnlyBeAccessedByLayers(
              "web",
              "integrations",
              "streams",
              "facade",
              "jobs",
              "archive",
              "lines",
              "write",
              "query",
              "contract");
}
