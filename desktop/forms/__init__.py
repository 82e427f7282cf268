"""Record forms built from models.kinds and models.vocab, validated as the clerk types."""
