"""triage: an on-call simulator for ML and LLM production incidents."""

__version__ = "0.1.0"
