"""Answering: extractive (default, offline) or generative (an LLM server), always cited."""
