package org.workflowengine.persistence.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one place that builds the test deployment: the WAR that {@code mvn package} just built (so
 * the tests exercise exactly what users deploy), plus the test packages.
 */
public final class Deployments {

  /** Built by the {@code package} phase, which runs before the in-container tests. */
  private static final File WAR = new File("target/workflow-persistence.war");

  /** The store library other applications depend on (classifier "store"). */
  public static final File STORE_JAR = new File("target/workflow-persistence-store.jar");

  /** The service's libraries that the store library does not need (bearer tokens). */
  private static final String SERVICE_ONLY_LIBRARY = "nimbus-jose-jwt";

  private Deployments() {}

  /** The application WAR with the test classes of {@code testPackages} and of this package. */
  public static WebArchive application(String... testPackages) {
    if (!WAR.isFile()) {
      throw new IllegalStateException(WAR + " is missing: run the tests with `mvn verify`");
    }
    WebArchive war = withTestSupport(ShrinkWrap.createFromZipFile(WebArchive.class, WAR));
    for (String testPackage : testPackages) {
      war.addPackage(testPackage);
    }
    return withTestLibraries(war);
  }

  /**
   * Another application that uses the store: its own classes ({@code consumerPackage}), the store
   * library, and that library's dependencies as the consumer's build resolves them (the libraries
   * the store's WAR carries but those only the service needs), nothing else of the store's WAR.
   */
  public static WebArchive consumer(String consumerPackage) {
    requireBuilt();
    WebArchive consumer =
        ShrinkWrap.create(WebArchive.class, "engine.war")
            .addPackage(consumerPackage)
            .addAsLibrary(STORE_JAR);
    withTestSupport(consumer);
    storeDependencies().forEach((path, asset) -> consumer.add(asset, path));
    return withTestLibraries(consumer);
  }

  /**
   * An engine's WAR as a client sees it: its own classes ({@code enginePackage}) and web
   * descriptors only; the caller adds the store library where the packaging wants it.
   */
  public static WebArchive engine(String enginePackage) {
    requireBuilt();
    // WildFly: the server's Jakarta Security domain for applications with their own mechanism
    // (server-config/wildfly/configure.cli); other servers ignore the file.
    return ShrinkWrap.create(WebArchive.class, "engine.war")
        .addPackage(enginePackage)
        .addAsWebInfResource(
            new StringAsset(
                "<jboss-web xmlns=\"urn:jboss:jakartaee:1.0\" version=\"15.0\">"
                    + "<security-domain>workflow-executions</security-domain></jboss-web>"),
            "jboss-web.xml");
  }

  /** An engine's WAR with the store library and its dependencies in {@code WEB-INF/lib}. */
  public static WebArchive engineWithStore(String enginePackage) {
    WebArchive engine = engine(enginePackage).addAsLibrary(STORE_JAR);
    storeDependencies().forEach((path, asset) -> engine.add(asset, path));
    return engine;
  }

  /**
   * An EAR of two web modules on one store: the store library as the EAR's EJB module (shared by
   * both), its dependencies in {@code lib/}, the engine's WAR at {@code /engine}, and the service's
   * own WAR at {@code /service} without the classes and libraries the EAR now holds once.
   */
  public static EnterpriseArchive enterprise(String enginePackage) {
    requireBuilt();
    Set<String> library = new HashSet<>();
    try (JarFile jar = new JarFile(STORE_JAR)) {
      jar.stream().filter(entry -> !entry.isDirectory()).forEach(e -> library.add(e.getName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    WebArchive serviceWar =
        ShrinkWrap.create(WebArchive.class, "service.war")
            .merge(ShrinkWrap.createFromZipFile(WebArchive.class, WAR));
    serviceWar
        .getContent(
            path ->
                path.get().startsWith("/WEB-INF/classes/")
                    && library.contains(path.get().substring("/WEB-INF/classes/".length())))
        .keySet()
        .forEach(serviceWar::delete);
    Map<ArchivePath, Node> libraries =
        serviceWar.getContent(path -> path.get().startsWith("/WEB-INF/lib/"));
    libraries.keySet().forEach(serviceWar::delete);
    EnterpriseArchive ear =
        ShrinkWrap.create(EnterpriseArchive.class, "engine-and-service.ear")
            .addAsModule(STORE_JAR, "workflow-persistence-store.jar")
            .addAsModule(engine(enginePackage))
            .addAsModule(serviceWar)
            .setApplicationXML(
                new StringAsset(
                    "<application xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"10\">"
                        + "<application-name>engine-and-service</application-name>"
                        + "<module><ejb>workflow-persistence-store.jar</ejb></module>"
                        + "<module><web><web-uri>engine.war</web-uri>"
                        + "<context-root>/engine</context-root></web></module>"
                        + "<module><web><web-uri>service.war</web-uri>"
                        + "<context-root>/service</context-root></web></module>"
                        + "<library-directory>lib</library-directory></application>"));
    // The service's libraries, moved from its WAR to the EAR's lib/, where both modules see them.
    libraries.forEach(
        (path, node) ->
            ear.addAsLibrary(node.getAsset(), path.get().substring("/WEB-INF/lib/".length())));
    return ear;
  }

  /**
   * This package's classes, but {@link OpenApiValidatorBridge}: it links against the OpenAPI
   * validator's libraries, which no deployment carries ({@link OpenApiContract} loads it from the
   * tests' classes, in a class loader of its own).
   */
  private static WebArchive withTestSupport(WebArchive war) {
    war.addPackage(Deployments.class.getPackage());
    String bridge = "/WEB-INF/classes/" + OpenApiContract.BRIDGE.replace('.', '/');
    war.getContent(
            path -> path.get().startsWith(bridge + ".") || path.get().startsWith(bridge + "$"))
        .keySet()
        .forEach(war::delete);
    return war;
  }

  private static void requireBuilt() {
    if (!WAR.isFile() || !STORE_JAR.isFile()) {
      throw new IllegalStateException(STORE_JAR + " is missing: run the tests with `mvn verify`");
    }
  }

  /** The store library's dependencies: the WAR's libraries but those only the service needs. */
  private static Map<ArchivePath, Asset> storeDependencies() {
    Map<ArchivePath, Asset> libraries = new LinkedHashMap<>();
    ShrinkWrap.createFromZipFile(WebArchive.class, WAR)
        .getContent(
            path ->
                path.get().startsWith("/WEB-INF/lib/")
                    && !path.get().contains(SERVICE_ONLY_LIBRARY))
        .forEach((path, node) -> libraries.put(path, node.getAsset()));
    return libraries;
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
