package org.workflowengine.persistence.testing;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.workflowengine.persistence.rest.AuditTrailResource;
import org.workflowengine.persistence.rest.EventsResource;
import org.workflowengine.persistence.rest.ExecutionErrorsResource;
import org.workflowengine.persistence.rest.ExecutionEventsResource;
import org.workflowengine.persistence.rest.ExecutionSnapshotResource;
import org.workflowengine.persistence.rest.ExecutionStatusResource;
import org.workflowengine.persistence.rest.ExecutionVerifyResource;
import org.workflowengine.persistence.rest.ExecutionsResource;
import org.workflowengine.persistence.rest.ExportResource;
import org.workflowengine.persistence.rest.ImportResource;
import org.workflowengine.persistence.rest.LabelsResource;
import org.workflowengine.persistence.rest.MeResource;
import org.workflowengine.persistence.rest.MetricsResource;
import org.workflowengine.persistence.rest.RestConfiguration;
import org.workflowengine.persistence.rest.SnapshotsResource;
import org.workflowengine.persistence.rest.TaskLogsResource;
import org.workflowengine.persistence.rest.TasksResource;
import org.workflowengine.persistence.rest.WorkflowsResource;

/** Every resource method (GET, POST, …) of the REST package, read by reflection. */
public final class ResourceMethods {

  /**
   * One operation of the API.
   *
   * @param verb GET, POST, …
   * @param path {@code /api/…} with its templates, as {@code /api/executions/{id}/status}
   */
  public record Operation(String verb, String path, Method method) {
    @Override
    public String toString() {
      return verb + " " + path;
    }
  }

  private ResourceMethods() {}

  /**
   * The resource classes, named: in a server's own class loader (WildFly's virtual file system) a
   * package cannot be listed. {@link #scanned()} lists them from the build's classes, and
   * AccessRulesTest checks the two agree.
   */
  private static final List<Class<?>> RESOURCES =
      List.of(
          AuditTrailResource.class,
          ExecutionErrorsResource.class,
          ExecutionEventsResource.class,
          ExecutionSnapshotResource.class,
          ExecutionStatusResource.class,
          ExecutionVerifyResource.class,
          ExecutionsResource.class,
          EventsResource.class,
          ExportResource.class,
          ImportResource.class,
          LabelsResource.class,
          MeResource.class,
          MetricsResource.class,
          SnapshotsResource.class,
          TaskLogsResource.class,
          TasksResource.class,
          WorkflowsResource.class);

  /** Every operation of the named resource classes. */
  public static List<Operation> all() {
    List<Operation> operations = new ArrayList<>();
    RESOURCES.forEach(type -> operations.addAll(of(type)));
    return operations;
  }

  /** Every operation of the resource classes found in the REST package's directory. */
  public static List<Operation> scanned() {
    String restPackage = RestConfiguration.class.getPackageName();
    java.nio.file.Path packageDir;
    try {
      packageDir =
          java.nio.file.Path.of(
                  RestConfiguration.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI())
              .resolve(restPackage.replace('.', '/'));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Operation> operations = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.list(packageDir)) {
      for (java.nio.file.Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$")) {
          operations.addAll(of(Class.forName(restPackage + "." + name.replace(".class", ""))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return operations;
  }

  private static List<Operation> of(Class<?> type) {
    List<Operation> operations = new ArrayList<>();
    Path classPath = type.getAnnotation(Path.class);
    if (classPath == null) {
      return operations;
    }
    String root = "/api/" + classPath.value();
    for (Method method : type.getDeclaredMethods()) {
      for (var annotation : method.getAnnotations()) {
        HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
        if (verb != null) {
          Path methodPath = method.getAnnotation(Path.class);
          operations.add(
              new Operation(
                  verb.value(),
                  methodPath == null ? root : root + "/" + methodPath.value(),
                  method));
        }
      }
    }
    return operations;
  }
}
