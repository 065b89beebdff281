"""reportqa: cited, verbatim question answering over inspection reports.

The package holds what every interface shares: settings, the `Assistant` facade
and the command line. The data flow lives in the sibling packages, in order:
``indexing`` -> ``vectorstore`` -> ``retrieval`` -> ``answering`` -> ``evaluation``.
"""

__version__ = "0.1.0"
