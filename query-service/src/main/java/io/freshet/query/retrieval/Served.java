package io.freshet.query.retrieval;

/**
 * What the readers' index serves at one moment: the concrete index behind the alias and the model of its vectors. A
 * query takes one snapshot, embeds with its model and searches its index, so a model change between the two steps
 * cannot pair a vector of one model with the vectors of another.
 *
 * @param index the concrete index, or null for the configured name as it is
 * @param model the model of its vectors, or null when the index does not say (then the configured model)
 */
public record Served(String index, String model) {

    /** The configured index and model, for an index that cannot say more. */
    public static final Served CONFIGURED = new Served(null, null);
}
