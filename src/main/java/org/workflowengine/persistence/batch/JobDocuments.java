package org.workflowengine.persistence.batch;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A Job Specification Language document (a {@code META-INF/batch-jobs/*.xml} file) as JSON, the
 * form a workflow snapshot takes, and back. The mapping keeps everything that means something in a
 * job document, and names each element by what identifies it, so that a JSON Patch between two
 * versions of a job says which step and which property changed:
 *
 * <ul>
 *   <li>The document is an object with one member, named after its root element ({@code job}).
 *   <li>An element is an object. Its attributes are members {@code "@name"} (namespace declarations
 *       included, as {@code "@xmlns"}); its text, when it is not only white space, is the member
 *       {@code "#text"}, as written.
 *   <li>Each child element is a member named after it: its name, followed by {@code [value]} where
 *       the child has an {@code id}, else a {@code name}, else a {@code ref}, else an {@code on}
 *       attribute (steps, properties, artifacts and transitions are told apart by those), and by
 *       {@code #2}, {@code #3}, … when that name is already taken among its siblings. So a step's
 *       property is {@code /job/step[price]/chunk/processor[priceProcessor]/properties/
 *       property[threshold]/@value}.
 *   <li>An element with more than one child element has {@code "#order"}: the names of its children
 *       in document order.
 * </ul>
 *
 * <p>Not kept: comments, processing instructions, the XML declaration, and the white space between
 * elements. An element holding both text and elements (which the job schema has none of) keeps its
 * text as one string. {@link #toXml} rebuilds the document from the JSON, equal to the original but
 * for what is not kept.
 */
public final class JobDocuments {

  static final String TEXT = "#text";
  static final String ORDER = "#order";
  private static final List<String> IDENTITIES = List.of("id", "name", "ref", "on");

  private JobDocuments() {}

  /**
   * The JSON form of the job document read from {@code xml}.
   *
   * @throws IllegalArgumentException if it is not a well-formed XML document, or declares a DTD
   */
  public static JsonObject toJson(InputStream xml) throws IOException {
    Document document;
    try {
      document = parser().parse(xml);
    } catch (SAXException e) {
      throw new IllegalArgumentException("Not a well-formed job document: " + e.getMessage(), e);
    }
    Element root = document.getDocumentElement();
    return Json.createObjectBuilder().add(root.getTagName(), element(root)).build();
  }

  private static JsonObject element(Element element) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      json.add("@" + attribute.getName(), attribute.getValue());
    }
    StringBuilder text = new StringBuilder();
    List<String> order = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      switch (child.getNodeType()) {
        case Node.ELEMENT_NODE -> {
          Element childElement = (Element) child;
          String name = keyOf(childElement);
          String key = name;
          for (int n = 2; taken.contains(key); n++) {
            key = name + "#" + n;
          }
          taken.add(key);
          order.add(key);
          json.add(key, element(childElement));
        }
        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(child.getNodeValue());
        default -> {
          // comments and processing instructions are not part of the job
        }
      }
    }
    if (!text.toString().isBlank()) {
      json.add(TEXT, text.toString());
    }
    if (order.size() > 1) {
      json.add(ORDER, Json.createArrayBuilder(order));
    }
    return json.build();
  }

  private static String keyOf(Element element) {
    for (String identity : IDENTITIES) {
      if (element.hasAttribute(identity)) {
        return element.getTagName() + "[" + element.getAttribute(identity) + "]";
      }
    }
    return element.getTagName();
  }

  /**
   * The job document {@code json} is the JSON form of ({@link #toJson}), as XML text.
   *
   * @throws IllegalArgumentException if {@code json} is not such a form
   */
  public static String toXml(JsonObject json) {
    if (json.size() != 1) {
      throw new IllegalArgumentException("A job document has one root element");
    }
    String rootName = json.keySet().iterator().next();
    StringBuilder xml = new StringBuilder();
    element(xml, rootName, asObject(json.get(rootName), rootName));
    return xml.toString();
  }

  private static void element(StringBuilder xml, String key, JsonObject json) {
    String tag = tagOf(key);
    xml.append('<').append(tag);
    for (Map.Entry<String, JsonValue> member : json.entrySet()) {
      if (member.getKey().startsWith("@")) {
        xml.append(' ').append(member.getKey().substring(1)).append("=\"");
        escape(xml, asString(member.getValue(), key));
        xml.append('"');
      }
    }
    List<String> order = new ArrayList<>();
    if (json.containsKey(ORDER)) {
      for (JsonValue name : asArray(json.get(ORDER), key)) {
        order.add(asString(name, key));
      }
    } else {
      json.keySet().stream().filter(JobDocuments::isChild).forEach(order::add);
    }
    if (order.isEmpty() && !json.containsKey(TEXT)) {
      xml.append("/>");
      return;
    }
    xml.append('>');
    if (json.containsKey(TEXT)) {
      escape(xml, asString(json.get(TEXT), key));
    }
    for (String child : order) {
      if (!json.containsKey(child)) {
        throw new IllegalArgumentException(key + ": #order names " + child + ", which it lacks");
      }
      element(xml, child, asObject(json.get(child), child));
    }
    xml.append("</").append(tag).append('>');
  }

  /** Text or an attribute value as XML writes it, white space kept by character references. */
  private static void escape(StringBuilder xml, String text) {
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                case '\t', '\n', '\r' -> xml.append("&#").append(c).append(';');
                default -> xml.appendCodePoint(c);
              }
            });
  }

  private static boolean isChild(String member) {
    return !member.startsWith("@") && !member.equals(TEXT) && !member.equals(ORDER);
  }

  private static String tagOf(String key) {
    int end = key.length();
    int bracket = key.indexOf('[');
    int hash = key.indexOf('#');
    if (bracket >= 0) {
      end = bracket;
    } else if (hash >= 0) {
      end = hash;
    }
    return key.substring(0, end);
  }

  private static JsonObject asObject(JsonValue value, String where) {
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new IllegalArgumentException(where + " must be an object");
  }

  private static JsonArray asArray(JsonValue value, String where) {
    if (value instanceof JsonArray array) {
      return array;
    }
    throw new IllegalArgumentException(where + ": #order must be an array");
  }

  private static String asString(JsonValue value, String where) {
    if (value instanceof JsonString string) {
      return string.getString();
    }
    throw new IllegalArgumentException(where + ": attributes and text must be strings");
  }

  /** A parser that reads no DTD and no external entity: a job document needs neither. */
  private static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
