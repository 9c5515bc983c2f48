package io.freshet.query.retrieval;

import java.util.List;

/** The two ranked lists one search produced; a list is empty when its half was not asked for. */
public record Retrieval(List<Candidate> lexical, List<Candidate> vector) {
}
