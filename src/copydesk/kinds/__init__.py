"""Rule kinds, one module each. Every module lists its kinds in ``KINDS``; they are discovered, not registered."""
