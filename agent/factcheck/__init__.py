"""The fact-checker: claims, evidence, no-model checks, batched model verdicts."""
