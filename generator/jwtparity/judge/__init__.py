"""Judge stage: every token against the reference, the cross matrix and the consumer profiles."""
