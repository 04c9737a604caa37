package org.workflowengine.persistence.testing;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that use the deployed application as a client does, over real HTTP: the
 * application WAR, run as a client ({@code testable = false}), and an {@link ApiClient} per test.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class OverHttp {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  /** The deployed application's URL. */
  @ArquillianResource protected URL base;

  /** Opened before, closed after each test. */
  protected ApiClient api;

  @BeforeEach
  void openClient() {
    api = new ApiClient(base);
  }

  @AfterEach
  void closeClient() {
    api.close();
  }
}
