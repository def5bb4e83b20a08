package org.symdiff.simplify;

import org.symdiff.graph.Node;

/** One factor of a canonical product, {@code base ^ exponent}, with a numeric exponent. */
record Factor(Node base, double exponent) {}
