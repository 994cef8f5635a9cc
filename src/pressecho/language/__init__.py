"""The language layer: sentences, named entities and quotations (German first, in ``de/``)."""
