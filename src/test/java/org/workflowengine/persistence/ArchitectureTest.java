package org.workflowengine.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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
          .resideInAnyPackage(P + "lang", P + "json", P + "security")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              P + "model..",
              P + "chain..",
              P + "database..",
              P + "snapshot..",
              P + "store..",
              P + "health..",
              P + "rest..")
          .because("json, security and lang are the ground floor every other package stands on");

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
  static final ArchRule storeRoomsStandBelowTheFacade =
      noClasses()
          .that()
          .resideInAPackage(P + "store.(*)..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(P + "store")
          .because("the facade delegates to the rooms of store/, never the other way round");

  @ArchTest
  static final ArchRule storeKnowsNoHttp =
      noClasses()
          .that()
          .resideInAnyPackage(P + "store..", P + "snapshot..", P + "chain..", P + "database..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(P + "rest..", P + "health..", P + "security..")
          .because(
              "the store library carries no HTTP layer (rest, security and health stay out of it)");

  @ArchTest
  static final ArchRule lowerRoomsKnowNotTheUpper =
      noClasses()
          .that()
          .resideInAnyPackage(P + "store.query..", P + "store.error..", P + "store.event..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              P + "store.write..",
              P + "store.transfer..",
              P + "store.retention..",
              P + "store.startup..")
          .because("reading, errors and events are the floor the writers and the jobs stand on");
}
