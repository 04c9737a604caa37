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
