package org.workflowengine.persistence.testing;

import java.io.File;
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
    return war;
  }
}
