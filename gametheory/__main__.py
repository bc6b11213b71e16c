"""``python -m gametheory`` runs the ``gametheory`` command."""

from .cli import main

raise SystemExit(main())
