package org.symdiff.ast;

import java.util.List;

/** A parsed program: statements in source order, and the source they came from. */
public record Program(Source source, List<Statement> statements) {}
