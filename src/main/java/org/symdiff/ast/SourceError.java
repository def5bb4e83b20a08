package org.symdiff.ast;

/**
 * A mistake in the user's input, tied to the place it was found. {@link #render()} gives the one
 * message users see: {@code file:line:col: error: what}, the line itself, and a caret under the spot.
 */
public final class SourceError extends RuntimeException {
  private final Source source;
  private final Span span;
  private final String detail;

  public SourceError(Source source, Span span, String detail) {
    super(detail);
    this.source = source;
    this.span = span;
    this.detail = detail;
  }

  public Source source() {
    return source;
  }

  public Span span() {
    return span;
  }

  public String detail() {
    return detail;
  }

  public String render() {
    if (span.line() == 0) return source.name() + ": error: " + detail;
    String text = source.line(span.line()).replace('\t', ' ');
    int column = Math.max(1, Math.min(span.column(), text.length() + 1));
    int width = Math.max(1, Math.min(span.length(), text.length() + 1 - column + 1));
    return source.name() + ":" + span.line() + ":" + span.column() + ": error: " + detail + "\n"
        + "  " + text + "\n"
        + "  " + " ".repeat(column - 1) + "^".repeat(width);
  }

  @Override
  public String getMessage() {
    return render();
  }
}
