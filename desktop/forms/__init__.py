"""Record forms built from models.fields and models.vocab, validated as the clerk types."""
