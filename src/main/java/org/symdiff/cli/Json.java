package org.symdiff.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;

/**
 * Just enough JSON for {@code --at}: objects, arrays, numbers (and true/false/null/strings, so a
 * wrong value is reported as such). Errors point at the offending character.
 */
final class Json {
  private final Source source;
  private final String text;
  private int pos;
  /** {@link #here()}'s progress: the text before {@code counted} has been scanned for newlines. */
  private int counted;
  private int line = 1;
  private int lineStart;

  private Json(Source source) {
    this.source = source;
    this.text = source.text();
  }

  /** A parsed value: Map, List, Double, String, Boolean, or null; with where it started. */
  record Value(Object value, Span span) {}

  static Value parse(Source source) {
    Json json = new Json(source);
    Value value = json.value();
    json.skipSpace();
    if (json.pos < json.text.length()) throw json.error("unexpected text after the JSON value");
    return value;
  }

  private Value value() {
    skipSpace();
    if (pos >= text.length()) throw error("unexpected end of input; expected a JSON value");
    Span span = here();
    char c = text.charAt(pos);
    if (c == '{') return new Value(object(), span);
    if (c == '[') return new Value(array(), span);
    if (c == '"') return new Value(string(), span);
    if (text.startsWith("true", pos)) { pos += 4; return new Value(true, span); }
    if (text.startsWith("false", pos)) { pos += 5; return new Value(false, span); }
    if (text.startsWith("null", pos)) { pos += 4; return new Value(null, span); }
    return new Value(number(), span);
  }

  private Map<String, Value> object() {
    Map<String, Value> members = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (peek('}')) { pos++; return members; }
    while (true) {
      skipSpace();
      if (!peek('"')) throw error("expected a quoted name");
      Span nameSpan = here();
      String name = string();
      if (members.containsKey(name)) throw new SourceError(source, nameSpan, "'" + name + "' is given twice");
      skipSpace();
      expect(':');
      members.put(name, value());
      skipSpace();
      if (peek(',')) { pos++; continue; }
      expect('}');
      return members;
    }
  }

  private List<Value> array() {
    List<Value> items = new ArrayList<>();
    pos++;
    skipSpace();
    if (peek(']')) { pos++; return items; }
    while (true) {
      items.add(value());
      skipSpace();
      if (peek(',')) { pos++; continue; }
      expect(']');
      return items;
    }
  }

  private String string() {
    int start = ++pos;
    while (pos < text.length() && text.charAt(pos) != '"') {
      if (text.charAt(pos) == '\\') throw error("escapes in names are not supported");
      pos++;
    }
    if (pos >= text.length()) throw error("unterminated string");
    return text.substring(start, pos++);
  }

  private Double number() {
    Span span = here();
    int start = pos;
    // Letters too, so that NaN, Infinity or 1d is underlined whole and refused.
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "+-.".indexOf(text.charAt(pos)) >= 0)) {
      pos++;
    }
    String s = text.substring(start, pos);
    try {
      return Numbers.parse(s, "");
    } catch (NumberFormatException e) {
      throw new SourceError(source, new Span(span.line(), span.column(), Math.max(1, s.length())), e.getMessage());
    }
  }

  private void expect(char c) {
    if (!peek(c)) throw error("expected '" + c + "'");
    pos++;
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
  }

  /**
   * The span of the current character. Lines are counted incrementally (the position only moves
   * forward between calls), so a large values file is read in linear time.
   */
  private Span here() {
    for (; counted < pos && counted < text.length(); counted++) {
      if (text.charAt(counted) == '\n') {
        line++;
        lineStart = counted + 1;
      }
    }
    return new Span(line, pos - lineStart + 1, 1);
  }

  private SourceError error(String detail) {
    return new SourceError(source, here(), detail);
  }
}
