"""Evaluation: scoring the system against known answers (metadata checks; QA sets to come)."""
