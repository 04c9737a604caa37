package org.workflowengine.persistence.testing;

import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one place that builds the test deployment: the WAR that {@code mvn package} just built (so
 * the tests exercise exactly what users deploy), plus the test packages.
 */
public final class Deployments {

  /** Built by the {@code package} phase, which runs before the in-container tests. */
  private static final File WAR = new File("target/workflow-persistence.war");

  /** The classes of the WAR as the JAR other applications depend on (classifier "classes"). */
  private static final File CLASSES_JAR = new File("target/workflow-persistence-classes.jar");

  private Deployments() {}

  /** The application WAR with the test classes of {@code testPackages} and of this package. */
  public static WebArchive application(String... testPackages) {
    if (!WAR.isFile()) {
      throw new IllegalStateException(WAR + " is missing: run the tests with `mvn verify`");
    }
    WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, WAR);
    war.addPackage(Deployments.class.getPackage());
    for (String testPackage : testPackages) {
      war.addPackage(testPackage);
    }
    return withTestLibraries(war);
  }

  /**
   * Another application that uses the store: its own classes ({@code consumerPackage}), the store's
   * JAR, and that JAR's dependencies as the consumer's build resolves them (the same libraries the
   * store's WAR carries), nothing else of the store's WAR.
   */
  public static WebArchive consumer(String consumerPackage) {
    if (!WAR.isFile() || !CLASSES_JAR.isFile()) {
      throw new IllegalStateException(CLASSES_JAR + " is missing: run the tests with `mvn verify`");
    }
    WebArchive consumer =
        ShrinkWrap.create(WebArchive.class, "engine.war")
            .addPackage(consumerPackage)
            .addPackage(Deployments.class.getPackage())
            .addAsLibrary(CLASSES_JAR);
    ShrinkWrap.createFromZipFile(WebArchive.class, WAR)
        .getContent(path -> path.get().startsWith("/WEB-INF/lib/"))
        .forEach((path, node) -> consumer.add(node.getAsset(), path));
    return withTestLibraries(consumer);
  }

  private static WebArchive withTestLibraries(WebArchive war) {
    if (Boolean.getBoolean(BUNDLE_TEST_LIBRARIES)) {
      // A server in its own JVM (WildFly) sees only the deployment, not the test class path.
      war.addAsLibraries(jarOf(org.assertj.core.api.Assertions.class));
    }
    return war;
  }

  /**
   * Set by the profiles whose server runs in another JVM: the test libraries the in-container tests
   * use travel in the WAR.
   */
  private static final String BUNDLE_TEST_LIBRARIES = "it.deployment.libraries";

  private static File jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
