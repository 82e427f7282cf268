"""工会台账 domain: records, rules, persistence and services; imports no Qt and nothing of ours above it."""
