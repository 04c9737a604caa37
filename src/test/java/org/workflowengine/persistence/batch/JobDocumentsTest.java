package org.workflowengine.persistence.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

class JobDocumentsTest {

  static final String JOB =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!-- prices the day's orders -->
      <job id="pricing" xmlns="https://jakarta.ee/xml/ns/jakartaee" version="2.0">
        <listeners>
          <listener ref="executionStoreJobListener"/>
        </listeners>
        <step id="price" next="report">
          <chunk item-count="100">
            <reader ref="orderReader"/>
            <processor ref="priceProcessor">
              <properties>
                <property name="currency" value="EUR"/>
                <property name="threshold" value="%s"/>
              </properties>
            </processor>
            <writer ref="priceWriter"/>
          </chunk>
          <next on="FAILED" to="report"/>
          <end on="COMPLETED"/>
        </step>
        <step id="report"><batchlet ref="reportBatchlet"/></step>
      </job>
      """;

  private static JsonObject json(String xml) throws IOException {
    return JobDocuments.toJson(
        new ByteArrayInputStream(xml.strip().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void elementsAreNamedByWhatIdentifiesThemAndKeepTheirOrder() throws IOException {
    JsonObject job = json(JOB.formatted("10")).getJsonObject("job");

    assertThat(job.getString("@id")).isEqualTo("pricing");
    assertThat(job.getString("@xmlns")).isEqualTo("https://jakarta.ee/xml/ns/jakartaee");
    assertThat(job.getJsonArray("#order").getValuesAs(jakarta.json.JsonString::getString))
        .containsExactly("listeners", "step[price]", "step[report]");
    JsonObject step = job.getJsonObject("step[price]");
    assertThat(step.getJsonArray("#order").getValuesAs(jakarta.json.JsonString::getString))
        .containsExactly("chunk", "next[FAILED]", "end[COMPLETED]");
    assertThat(
            step.getJsonObject("chunk")
                .getJsonObject("processor[priceProcessor]")
                .getJsonObject("properties")
                .getJsonObject("property[threshold]")
                .getString("@value"))
        .isEqualTo("10");
    assertThat(job.getJsonObject("listeners").getJsonObject("listener[executionStoreJobListener]"))
        .isEqualTo(Json.createObjectBuilder().add("@ref", "executionStoreJobListener").build());
  }

  @Test
  void theDiffOfTwoVersionsNamesTheChangedProperty() throws IOException {
    JsonArray patch =
        Json.createDiff(json(JOB.formatted("10")), json(JOB.formatted("25"))).toJsonArray();

    assertThat(patch).hasSize(1);
    assertThat(patch.getJsonObject(0).getString("op")).isEqualTo("replace");
    assertThat(patch.getJsonObject(0).getString("path"))
        .isEqualTo(
            "/job/step[price]/chunk/processor[priceProcessor]/properties/property[threshold]/@value");
    assertThat(patch.getJsonObject(0).getString("value")).isEqualTo("25");
  }

  @Test
  void siblingsWithTheSameNameAreNumbered() throws IOException {
    JsonObject root =
        json("<a><b>one</b><b>two</b><b id='x'/><b id='x'/><c/></a>").getJsonObject("a");

    assertThat(root.keySet()).contains("b", "b#2", "b[x]", "b[x]#2", "c", "#order");
    assertThat(root.getJsonObject("b#2").getString("#text")).isEqualTo("two");
    assertThat(JobDocuments.toXml(json("<a><b>one</b><b>two</b><b id='x'/><b id='x'/><c/></a>")))
        .isEqualTo("<a><b>one</b><b>two</b><b id=\"x\"/><b id=\"x\"/><c/></a>");
  }

  @Test
  void aDocumentWithADoctypeIsRefusedSoThatNoEntityIsRead() {
    String hostile =
        "<!DOCTYPE job [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><job id=\"j\">&x;</job>";

    assertThatThrownBy(() -> json(hostile))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a well-formed job document");
  }

  /** Any document of elements, attributes and text survives XML → JSON → XML. */
  @Property(tries = 300)
  void theMappingLosesNothingOfElementsAttributesAndText(@ForAll("documents") Tree document)
      throws Exception {
    String xml = document.toXml();

    String back = JobDocuments.toXml(JobDocuments.toJson(stream(xml)));

    assertThat(Tree.parse(back)).isEqualTo(Tree.parse(xml)).isEqualTo(document);
  }

  private static InputStream stream(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  /** An element: its name, attributes (order does not matter in XML), text, children in order. */
  record Tree(String name, Map<String, String> attributes, String text, List<Tree> children) {

    String toXml() {
      StringBuilder xml = new StringBuilder("<").append(name);
      attributes.forEach(
          (k, v) -> xml.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
      xml.append('>');
      if (text != null) {
        xml.append(escape(text));
      }
      children.forEach(child -> xml.append(child.toXml()));
      return xml.append("</").append(name).append('>').toString();
    }

    private static String escape(String text) {
      StringBuilder out = new StringBuilder();
      text.codePoints()
          .forEach(
              c -> {
                switch (c) {
                  case '<' -> out.append("&lt;");
                  case '>' -> out.append("&gt;");
                  case '&' -> out.append("&amp;");
                  case '"' -> out.append("&quot;");
                  case '\t', '\n', '\r' -> out.append("&#").append(c).append(';');
                  default -> out.appendCodePoint(c);
                }
              });
      return out.toString();
    }

    static Tree parse(String xml) throws Exception {
      var factory = DocumentBuilderFactory.newInstance();
      return of(factory.newDocumentBuilder().parse(stream(xml)).getDocumentElement());
    }

    private static Tree of(Element element) {
      Map<String, String> attributes = new TreeMap<>();
      NamedNodeMap map = element.getAttributes();
      for (int i = 0; i < map.getLength(); i++) {
        Attr attribute = (Attr) map.item(i);
        attributes.put(attribute.getName(), attribute.getValue());
      }
      StringBuilder text = new StringBuilder();
      List<Tree> children = new ArrayList<>();
      for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element e) {
          children.add(of(e));
        } else if (child.getNodeType() == Node.TEXT_NODE) {
          text.append(child.getNodeValue());
        }
      }
      return new Tree(
          element.getTagName(),
          attributes,
          text.toString().isBlank() ? null : text.toString(),
          children);
    }
  }

  @Provide
  Arbitrary<Tree> documents() {
    return tree(3);
  }

  private Arbitrary<Tree> tree(int depth) {
    Arbitrary<String> names = Arbitraries.of("job", "step", "chunk", "property", "next", "a-b.c");
    Arbitrary<String> values =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withChars('é', '€', '\t', '\n', '#', '[', ']')
            .withCharRange('\u4e00', '\u4e10')
            .ofMaxLength(12);
    Arbitrary<Map<String, String>> attributes =
        Arbitraries.maps(Arbitraries.of("id", "name", "ref", "on", "value", "xmlns"), values)
            .ofMaxSize(3)
            .map(TreeMap::new);
    Arbitrary<String> text = values.injectNull(0.6).map(t -> t == null || t.isBlank() ? null : t);
    Arbitrary<List<Tree>> children =
        depth == 0
            ? Arbitraries.just(List.of())
            : Arbitraries.lazy(() -> tree(depth - 1)).list().ofMaxSize(4);
    return Combinators.combine(names, attributes, text, children)
        .as((n, a, t, c) -> new Tree(n, new LinkedHashMap<>(a), t, c))
        .map(t -> new Tree(t.name(), new TreeMap<>(t.attributes()), t.text(), t.children()));
  }
}
