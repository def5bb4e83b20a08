package org.symdiff.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** What an SVG from Graphviz draws: parsed as XML (so it is well-formed), the titles of its nodes and edges. */
final class SvgContent {
  private SvgContent() {}

  static Set<String> titles(String svg) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // the SVG names the W3C's DTD: never fetch it
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
      NodeList titles = document.getElementsByTagName("title");
      Set<String> found = new TreeSet<>();
      for (int i = 0; i < titles.getLength(); i++) found.add(titles.item(i).getTextContent());
      return found;
    } catch (Exception e) {
      throw new AssertionError("not a well-formed SVG: " + e, e);
    }
  }
}
